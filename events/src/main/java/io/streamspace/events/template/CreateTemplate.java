package io.streamspace.events.template;

import io.streamspace.events.common.Requester;

/** An organization admin adds an application to the organization's catalog. */
public record CreateTemplate(String templateId, Requester requester, TemplateDefinition definition)
    implements TemplateCommand {}
