package io.streamspace.events.template;

import io.streamspace.events.common.Requester;

/** A command addressed to one template of an organization's catalog. */
public sealed interface TemplateCommand permits CreateTemplate, UpdateTemplate, DeleteTemplate {
  String templateId();

  Requester requester();
}
