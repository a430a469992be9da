package io.streamspace.query.template;

import io.streamspace.events.common.Resources;
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
    Instant createdAt,
    Instant updatedAt) {}
