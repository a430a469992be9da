package io.streamspace.events.template;

import io.streamspace.events.common.Revision;

/**
 * A template joined an organization's catalog.
 *
 * <p>Revision 2: {@code definition.command} is an argv list; revision 1 held one shell-style
 * string, which {@code TemplateCommandUpcaster} splits when an old event is read.
 */
@Revision("2")
public record TemplateCreated(
    String templateId, String organizationId, TemplateDefinition definition)
    implements TemplateEvent {}
