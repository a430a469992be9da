package io.streamspace.bench;

import java.util.OptionalDouble;
import tools.jackson.databind.JsonNode;

/**
 * The server's JIT compiler as the server's own metrics show it ({@code jvm.compilation.time}),
 * read by a system admin: how long the warm-up must go on before the figures are of compiled code.
 *
 * <p>On 2 busy cores the compiler threads get a small share of the CPU, so a JVM with as much hot
 * framework code as the server still compiles minutes into the load. After a 150 s warm-up its C2
 * threads took 19 % of the server's CPU through the peak, and the server's CPU per command was 2.3
 * times what it was after 600 s: most of its hot code still ran interpreted or at C1.
 */
final class JitCompilation {

  static final String METRIC = "/actuator/metrics/jvm.compilation.time";

  private final ApiClient admin;

  JitCompilation(ApiClient admin) {
    this.admin = admin;
  }

  /**
   * The compiler's accumulated time in milliseconds (the summed elapsed time of its tasks), or
   * empty when the server does not say: no metrics endpoint, not a system admin, not reachable.
   */
  OptionalDouble totalMillis() {
    try {
      ApiClient.Response response = admin.send("GET", METRIC, null);
      return response.isSuccess() ? totalMillis(response.json()) : OptionalDouble.empty();
    } catch (ApiClient.ApiException e) {
      return OptionalDouble.empty();
    }
  }

  static OptionalDouble totalMillis(JsonNode metric) {
    for (JsonNode measurement : metric.path("measurements")) {
      if (measurement.path("value").isNumber()) {
        return OptionalDouble.of(measurement.path("value").asDouble());
      }
    }
    return OptionalDouble.empty();
  }

  /** Compilation per second of wall time between two readings, or empty if either is unknown. */
  static OptionalDouble millisPerSecond(OptionalDouble before, OptionalDouble after, long nanos) {
    if (before.isEmpty() || after.isEmpty() || nanos <= 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((after.getAsDouble() - before.getAsDouble()) / (nanos / 1e9));
  }
}
