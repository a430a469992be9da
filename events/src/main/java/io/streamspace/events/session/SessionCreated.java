package io.streamspace.events.session;

import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Revision;
import io.streamspace.events.template.TemplateDefinition;

/**
 * A session was asked for and holds its share of the quota; it waits in {@code pending} for an
 * agent. It keeps a copy of the template as it was, so later template edits or deletion never
 * change a session already made.
 *
 * <p>{@code waitingReason} says why it waits when no connected agent could take it as it was
 * created: the creation decided that, so it is part of this event rather than a {@link
 * SessionWaiting} of its own. Null when placement is left to the dispatcher.
 *
 * <p>Revision 2: {@code template.command} is an argv list (see {@code TemplateCreated}). Revision
 * 3: {@code waitingReason}; before it, a {@link SessionWaiting} followed in the same commit.
 */
@Revision("3")
public record SessionCreated(
    String sessionId,
    String organizationId,
    String userId,
    String templateId,
    TemplateDefinition template,
    Resources resources,
    String waitingReason)
    implements SessionEvent {

  /** A session whose placement is left to the dispatcher. */
  public SessionCreated(
      String sessionId,
      String organizationId,
      String userId,
      String templateId,
      TemplateDefinition template,
      Resources resources) {
    this(sessionId, organizationId, userId, templateId, template, resources, null);
  }

  @Override
  public SessionStatus status() {
    return SessionStatus.PENDING;
  }
}
