package io.streamspace.query.template;

import io.streamspace.events.common.Resources;
import io.streamspace.events.template.IdleLimits;
import io.streamspace.events.template.TemplateDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A catalog entry as the read API shows it. */
public record TemplateView(
    String id,
    String organizationId,
    String name,
    String displayName,
    String description,
    String category,
    List<String> tags,
    String iconUrl,
    String image,
    List<String> command,
    Resources defaultResources,
    int vncPort,
    Map<String, String> environment,
    IdleLimits idle,
    Instant createdAt,
    Instant updatedAt) {

  /** Template {@code id} as {@code definition} describes it, shown as the read model stores it. */
  static TemplateView of(
      String id,
      String organizationId,
      TemplateDefinition definition,
      Instant createdAt,
      Instant updatedAt) {
    return new TemplateView(
        id,
        organizationId,
        definition.name(),
        definition.displayName(),
        definition.description(),
        definition.category(),
        definition.tags(),
        definition.iconUrl(),
        definition.image(),
        definition.command(),
        defaultResources(definition),
        definition.vncPort(),
        definition.environment(),
        definition.idle(),
        createdAt,
        updatedAt);
  }

  /** A definition without default resources asks for none. */
  static Resources defaultResources(TemplateDefinition definition) {
    return definition.defaultResources() != null ? definition.defaultResources() : Resources.NONE;
  }
}
