package io.streamspace.command.template;

import io.streamspace.command.common.Invalid;
import io.streamspace.events.template.TemplateDefinition;

/** What every template definition must satisfy before it enters a catalog. */
final class TemplateRules {

  private TemplateRules() {}

  static void check(TemplateDefinition definition) {
    if (definition == null) {
      throw new Invalid("a template needs a definition");
    }
    if (definition.name() == null || definition.name().isBlank()) {
      throw new Invalid("a template needs a name");
    }
    if (definition.vncPort() < 1 || definition.vncPort() > 65535) {
      throw new Invalid("vnc_port must be between 1 and 65535, not " + definition.vncPort());
    }
    if (definition.defaultResources() == null) {
      throw new Invalid("a template needs default resources");
    }
    boolean hasImage = definition.image() != null && !definition.image().isBlank();
    if (!hasImage && definition.command().isEmpty()) {
      throw new Invalid(
          "a template needs an image (for Kubernetes and Docker) or a command (for the local runtime)");
    }
  }
}
