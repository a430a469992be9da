package io.streamspace.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * A JVM's JIT compiler at work, as the server's own metrics show it ({@code jvm.compilation.time},
 * read by a system admin) or as {@code jstat} reads any local JVM's: how long a warm-up must go on
 * before the figures are of compiled code.
 *
 * <p>On 2 busy cores the compiler threads get a small share of the CPU, so a JVM with as much hot
 * framework code as the server still compiles minutes into the load. After a 150 s warm-up its C2
 * threads took 19 % of the server's CPU through the peak, and the server's CPU per command was 2.3
 * times what it was after 600 s: most of its hot code still ran interpreted or at C1.
 */
final class JitCompilation {

  static final String METRIC = "/actuator/metrics/jvm.compilation.time";

  private final Supplier<OptionalDouble> reading;

  private JitCompilation(Supplier<OptionalDouble> reading) {
    this.reading = reading;
  }

  /** Read through the server's actuator, as {@code admin} (a system admin). */
  JitCompilation(ApiClient admin) {
    this(() -> totalMillis(admin));
  }

  /** Read by {@code reading}: a test's own figures. */
  static JitCompilation reading(Supplier<OptionalDouble> reading) {
    return new JitCompilation(reading);
  }

  /**
   * Read from a local JVM's performance counters with the JDK's {@code jstat}: any JVM on this
   * machine, the minimal reference application too, which has no metrics endpoint.
   */
  static JitCompilation ofProcess(long pid) {
    return new JitCompilation(() -> jstatMillis(pid));
  }

  /**
   * The compiler's accumulated time in milliseconds (the summed elapsed time of its tasks), or
   * empty when it cannot be read: no metrics endpoint, not a system admin, not reachable, no jstat.
   */
  OptionalDouble totalMillis() {
    return reading.get();
  }

  private static OptionalDouble totalMillis(ApiClient admin) {
    try {
      ApiClient.Response response = admin.send("GET", METRIC, null);
      return response.isSuccess() ? totalMillis(response.json()) : OptionalDouble.empty();
    } catch (ApiClient.ApiException e) {
      return OptionalDouble.empty();
    }
  }

  private static OptionalDouble jstatMillis(long pid) {
    try {
      Process jstat =
          new ProcessBuilder(jstat(), "-compiler", Long.toString(pid))
              .redirectErrorStream(true)
              .start();
      String output = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return jstat.waitFor() == 0 ? jstatMillis(output) : OptionalDouble.empty();
    } catch (IOException e) {
      return OptionalDouble.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalDouble.empty();
    }
  }

  /** The JDK's jstat beside the java running the driver, else the one on the path. */
  private static String jstat() {
    Path beside = Path.of(System.getProperty("java.home"), "bin", "jstat");
    return Files.isExecutable(beside) ? beside.toString() : "jstat";
  }

  /**
   * {@code jstat -compiler}'s answer: a header line and a line of values, its {@code Time} column
   * in seconds (the same counter as the actuator's metric).
   */
  static OptionalDouble jstatMillis(String output) {
    String[] lines = output.strip().split("\\R");
    if (lines.length < 2) {
      return OptionalDouble.empty();
    }
    List<String> header = List.of(lines[0].trim().split("\\s+"));
    String[] values = lines[1].trim().split("\\s+");
    int time = header.indexOf("Time");
    if (time < 0 || time >= values.length) {
      return OptionalDouble.empty();
    }
    try {
      return OptionalDouble.of(Double.parseDouble(values[time]) * 1000);
    } catch (NumberFormatException e) {
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

  /** Slices of a warm-up past its minimum: short enough to stop soon after the JIT settles. */
  static final Duration WARMUP_SLICE = Duration.ofSeconds(15);

  /** Load for a given time: one slice of a warm-up. */
  @FunctionalInterface
  interface Load {
    void run(Duration length) throws InterruptedException;
  }

  /** How long a warm-up ran, and what the JIT compiled per second in its last slice. */
  record Settled(Duration length, OptionalDouble rateAtEnd) {}

  /**
   * Loads the JVM for at least {@code minimum}, then on in slices while its compiler still spends
   * more than {@code settledMillisPerSecond} per second of wall time, up to {@code limit}. A JVM
   * whose compiler cannot be read gets the minimum.
   */
  Settled warmUntilSettled(
      String name, Duration minimum, Duration limit, double settledMillisPerSecond, Load load)
      throws InterruptedException {
    long start = System.nanoTime();
    ControlPlaneBenchmark.log(
        "warm-up of "
            + name
            + ", "
            + minimum.toSeconds()
            + " s"
            + (limit.equals(minimum)
                ? ""
                : ", then until its JIT settles (at most " + limit.toSeconds() + " s)")
            + " ...");
    OptionalDouble rate;
    Duration slice = minimum.isZero() ? WARMUP_SLICE : minimum;
    Duration loaded = Duration.ZERO;
    while (true) {
      OptionalDouble before = totalMillis();
      long sliceStart = System.nanoTime();
      load.run(slice);
      loaded = loaded.plus(slice);
      rate = millisPerSecond(before, totalMillis(), System.nanoTime() - sliceStart);
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      Duration spent = wall.compareTo(loaded) > 0 ? wall : loaded;
      Duration left = limit.minus(spent);
      if (rate.isEmpty()
          || rate.getAsDouble() <= settledMillisPerSecond
          || left.isNegative()
          || left.isZero()) {
        break;
      }
      ControlPlaneBenchmark.log(
          String.format(
              Locale.ROOT,
              "warm-up of %s: %d s in, the JIT compiled %.0f ms/s: on ...",
              name,
              spent.toSeconds(),
              rate.getAsDouble()));
      slice = left.compareTo(WARMUP_SLICE) < 0 ? left : WARMUP_SLICE;
    }
    Duration length = Duration.ofNanos(System.nanoTime() - start);
    ControlPlaneBenchmark.log(
        "warm-up of "
            + name
            + ": "
            + length.toSeconds()
            + " s"
            + (rate.isEmpty()
                ? " (its JIT's work cannot be read)"
                : String.format(
                    Locale.ROOT, ", the JIT compiled %.0f ms/s at its end", rate.getAsDouble())));
    return new Settled(length, rate);
  }
}
