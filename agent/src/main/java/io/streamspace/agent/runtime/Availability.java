package io.streamspace.agent.runtime;

/**
 * Whether a runtime backend can run sessions here; when it cannot, a one-line reason an operator
 * can act on.
 */
public record Availability(boolean available, String reason) {

  public static Availability ok() {
    return new Availability(true, "");
  }

  public static Availability unavailable(String reason) {
    return new Availability(false, reason);
  }
}
