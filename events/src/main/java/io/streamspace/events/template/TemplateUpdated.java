package io.streamspace.events.template;

import io.streamspace.events.common.Revision;

/** A template's definition was replaced. */
@Revision("1")
public record TemplateUpdated(
    String templateId, String organizationId, TemplateDefinition definition)
    implements TemplateEvent {}
