package io.streamspace.command.template;

import io.streamspace.command.common.ResourcesBody;
import io.streamspace.events.common.Resources;
import io.streamspace.events.template.IdleLimits;
import io.streamspace.events.template.TemplateDefinition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/templates} and {@code PUT /api/v1/templates/{id}}: a whole
 * definition. A template needs an {@code image} or a {@code command} (checked by the aggregate).
 *
 * <p>Lists and maps hold no {@code null}: the definition copies them into immutable collections,
 * and an argv or an environment with a hole has no meaning to any runtime. The icon is shown by the
 * UI in an {@code <img>}, so only web, inline-image and same-site addresses are accepted, never
 * {@code javascript:} and the like.
 */
public record TemplateRequest(
    @NotBlank @Size(max = 100) String name,
    @Size(max = 200) String displayName,
    @Size(max = 2000) String description,
    @Size(max = 100) String category,
    @Size(max = 32) List<@NotBlank @Size(max = 50) String> tags,
    @Size(max = 2000)
        @Pattern(
            regexp = ICON_URL,
            flags = Pattern.Flag.CASE_INSENSITIVE,
            message = "must be an https:, http: or data:image/ URL, or a path starting with /")
        String iconUrl,
    @Size(max = 500) String image,
    @Size(max = 64) List<@NotNull @Size(max = 4096) String> command,
    @Valid ResourcesBody defaultResources,
    @Min(1) @Max(65535) Integer vncPort,
    @Size(max = 64)
        Map<@NotBlank @Size(max = 200) String, @NotNull @Size(max = 4096) String> environment,
    @Valid IdleBody idle) {

  /** Addresses an icon may have: web URLs, inline images, or a path on this site. */
  static final String ICON_URL = "(https?:|data:image/|/)\\P{Cntrl}*";

  /** Used when a template names no resources: enough for one small desktop application. */
  static final Resources DEFAULT_RESOURCES = new Resources(1000, 1024);

  /** The port VNC servers listen on unless the template says otherwise. */
  static final int DEFAULT_VNC_PORT = 5900;

  TemplateDefinition toDefinition() {
    return new TemplateDefinition(
        name,
        displayName == null ? name : displayName,
        description,
        category,
        tags,
        iconUrl,
        image,
        command,
        defaultResources == null ? DEFAULT_RESOURCES : defaultResources.toResources(),
        vncPort == null ? DEFAULT_VNC_PORT : vncPort,
        environment,
        idle == null ? IdleLimits.DEFAULTS : idle.toLimits());
  }
}
