package io.streamspace.events.template;

import io.streamspace.events.common.Requester;

/** An organization admin removes a template: it starts no new sessions, running ones go on. */
public record DeleteTemplate(String templateId, Requester requester) implements TemplateCommand {}
