package io.streamspace.command.template;

import io.streamspace.events.template.IdleLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A template's idle limits as request bodies carry them: {@code {"hibernate_after_seconds": 1800,
 * "stop_after_seconds": 28800}}; a limit left out is the platform's default.
 */
public record IdleBody(
    @Min(5) @Max(31_536_000) Integer hibernateAfterSeconds,
    @Min(5) @Max(31_536_000) Integer stopAfterSeconds) {

  IdleLimits toLimits() {
    return new IdleLimits(hibernateAfterSeconds, stopAfterSeconds);
  }
}
