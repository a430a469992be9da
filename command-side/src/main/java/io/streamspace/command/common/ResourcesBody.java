package io.streamspace.command.common;

import io.streamspace.events.common.Resources;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** CPU and memory as request bodies carry them: {@code {"cpu_millis": 500, "memory_mb": 512}}. */
public record ResourcesBody(
    @NotNull @Min(0) @Max(1_000_000) Integer cpuMillis,
    @NotNull @Min(0) @Max(10_000_000) Integer memoryMb) {

  public Resources toResources() {
    return new Resources(cpuMillis, memoryMb);
  }
}
