package io.streamspace.command.organization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/organizations}. */
public record CreateOrganizationRequest(
    @NotBlank @Size(max = 100) String name,
    @Size(max = 200) String displayName,
    @NotNull @Valid QuotaBody quota) {}
