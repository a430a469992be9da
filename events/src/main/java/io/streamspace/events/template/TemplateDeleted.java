package io.streamspace.events.template;

import io.streamspace.events.common.Revision;

/** A template left the catalog; sessions already started from it keep running. */
@Revision("1")
public record TemplateDeleted(String templateId, String organizationId) implements TemplateEvent {}
