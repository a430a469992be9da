package io.streamspace.events.template;

/** The events of the template aggregate. */
public sealed interface TemplateEvent permits TemplateCreated, TemplateUpdated, TemplateDeleted {
  String templateId();

  String organizationId();
}
