package io.streamspace.events.template;

import io.streamspace.events.common.Revision;

/**
 * A template joined an organization's catalog.
 *
 * <p>Revision 2: {@code definition.command} became an argv list; revision 1 stored one shell-style
 * string, which the {@code TemplateCreatedUpcaster} splits.
 */
@Revision("2")
public record TemplateCreated(
    String templateId, String organizationId, TemplateDefinition definition)
    implements TemplateEvent {}
