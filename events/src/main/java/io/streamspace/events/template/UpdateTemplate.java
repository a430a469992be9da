package io.streamspace.events.template;

import io.streamspace.events.common.Requester;

/** An organization admin replaces a template's definition; running sessions keep the old one. */
public record UpdateTemplate(String templateId, Requester requester, TemplateDefinition definition)
    implements TemplateCommand {}
