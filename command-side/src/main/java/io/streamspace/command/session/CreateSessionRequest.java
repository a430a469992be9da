package io.streamspace.command.session;

import io.streamspace.command.common.ResourcesBody;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/sessions}; without resources the template's defaults apply. */
public record CreateSessionRequest(
    @NotBlank @Size(max = 200) String templateId, @Valid ResourcesBody resources) {}
