package io.streamspace.events.template;

import io.streamspace.events.common.Revision;

/**
 * A template's definition was replaced.
 *
 * <p>Revision 2: {@code definition.command} is an argv list (see {@link TemplateCreated}).
 */
@Revision("2")
public record TemplateUpdated(
    String templateId, String organizationId, TemplateDefinition definition)
    implements TemplateEvent {}
