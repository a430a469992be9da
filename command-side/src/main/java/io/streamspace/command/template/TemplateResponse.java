package io.streamspace.command.template;

import io.streamspace.events.common.Resources;
import io.streamspace.events.template.IdleLimits;
import io.streamspace.events.template.TemplateDefinition;
import java.util.List;
import java.util.Map;

/** A template as the write endpoints answer it: its id, its organization and its definition. */
public record TemplateResponse(
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
    IdleLimits idle) {

  static TemplateResponse of(String id, String organizationId, TemplateDefinition d) {
    return new TemplateResponse(
        id,
        organizationId,
        d.name(),
        d.displayName(),
        d.description(),
        d.category(),
        d.tags(),
        d.iconUrl(),
        d.image(),
        d.command(),
        d.defaultResources(),
        d.vncPort(),
        d.environment(),
        d.idle());
  }
}
