package io.streamspace.events.template;

/**
 * How long a template's sessions may sit without a viewer: after {@code hibernateAfterSeconds}
 * running unwatched a session is hibernated, after {@code stopAfterSeconds} hibernated it is
 * stopped. A null limit means the platform's default.
 */
public record IdleLimits(Integer hibernateAfterSeconds, Integer stopAfterSeconds) {

  public IdleLimits {
    if ((hibernateAfterSeconds != null && hibernateAfterSeconds < 1)
        || (stopAfterSeconds != null && stopAfterSeconds < 1)) {
      throw new IllegalArgumentException("idle limits must be at least one second");
    }
  }

  /** The platform's defaults for both. */
  public static final IdleLimits DEFAULTS = new IdleLimits(null, null);
}
