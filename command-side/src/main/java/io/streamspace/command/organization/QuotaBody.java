package io.streamspace.command.organization;

import io.streamspace.events.organization.Quota;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A quota as request bodies carry it. */
public record QuotaBody(
    @NotNull @Min(0) @Max(100_000) Integer maxSessions,
    @NotNull @Min(0) @Max(100_000_000) Integer maxCpuMillis,
    @NotNull @Min(0) @Max(1_000_000_000) Integer maxMemoryMb) {

  Quota toQuota() {
    return new Quota(maxSessions, maxCpuMillis, maxMemoryMb);
  }
}
