package io.streamspace.events.session;

import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Revision;
import io.streamspace.events.template.TemplateDefinition;

/**
 * A session was asked for and holds its share of the quota; it waits in {@code pending} for an
 * agent. It keeps a copy of the template as it was, so later template edits or deletion never
 * change a session already made.
 *
 * <p>Revision 2: {@code template.command} is an argv list (see {@code TemplateCreated}).
 */
@Revision("2")
public record SessionCreated(
    String sessionId,
    String organizationId,
    String userId,
    String templateId,
    TemplateDefinition template,
    Resources resources)
    implements SessionEvent {
  @Override
  public SessionStatus status() {
    return SessionStatus.PENDING;
  }
}
