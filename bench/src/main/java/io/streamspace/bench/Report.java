package io.streamspace.bench;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** Renders a run's figures as Markdown, readable in a terminal and pasteable into the docs. */
final class Report {

  private Report() {}

  static String render(
      BenchOptions options,
      String run,
      String loadBefore,
      ControlPlaneBenchmark.Warmup warmup,
      PgbenchCeiling.Result ceiling,
      LoadPhase.Result peak,
      LoadPhase.Result paced) {
    StringBuilder out = new StringBuilder();
    line(out, "## Control-plane benchmark %s", run);
    line(out, "");
    line(out, "- machine: %s", ControlPlaneBenchmark.machine());
    line(out, "- load average before the run: %s", loadBefore);
    line(
        out,
        "- server: %s, %d workers in %d organization(s) holding %d open sessions each, %d s per"
            + " phase, lag probed on 1 in %d commands of each kind (a GET every 2 ms until the"
            + " effect shows, two probes at most; their GETs load the server beside the commands:"
            + " lag reads/s)",
        options.url(),
        options.workers(),
        options.organizations(),
        options.heldSessions(),
        options.duration().toSeconds(),
        options.lagSampleEvery());
    line(
        out,
        "- command mix: create session → stop session, one template update every %d cycles",
        options.templateUpdateEvery());
    line(out, "- %s", warmup(warmup, options));
    line(out, "");
    line(
        out,
        "| phase | commands/s | p50 ms | p99 ms | max ms | errors | lag p50 ms | lag p99 ms | lag"
            + " samples | lag reads/s |");
    line(out, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    phaseRow(out, peak);
    phaseRow(out, paced);
    line(out, "");
    line(out, "Peak phase by command:");
    line(out, "");
    line(out, "| command | count | p50 ms | p99 ms | lag p50 ms | lag p99 ms | lag samples |");
    line(out, "|---|---:|---:|---:|---:|---:|---:|");
    for (Map.Entry<LoadPhase.Kind, Samples.Distribution> entry : peak.latencyByKind().entrySet()) {
      Samples.Distribution lag = peak.lag().byKind().get(entry.getKey());
      line(
          out,
          "| %s | %d | %s | %s | %s | %s | %d |",
          entry.getKey().label,
          entry.getValue().count(),
          ms(entry.getValue().percentileMillis(50)),
          ms(entry.getValue().percentileMillis(99)),
          ms(lag.percentileMillis(50)),
          ms(lag.percentileMillis(99)),
          lag.count());
    }
    line(out, "");
    line(out, "%s", slowSeconds(paced));
    for (LoadPhase.Result phase : new LoadPhase.Result[] {peak, paced}) {
      if (!phase.errors().isEmpty()) {
        line(out, "");
        line(out, "Errors in %s: %s", phase.name(), phase.errors());
      }
      if (phase.lag().timedOut() > 0) {
        line(out, "");
        line(
            out,
            "%s: %d lag probes saw no effect within 10 s",
            phase.name(),
            phase.lag().timedOut());
      }
    }
    line(out, "");
    line(out, "| figure | measured | target | |");
    line(out, "|---|---:|---:|---|");
    if (ceiling != null) {
      double ratio = peak.commandsPerSecond() / ceiling.tps();
      line(
          out,
          "| pgbench single-row inserts/s (ceiling%s) | %s | | |",
          ceiling.readings().size() > 1 ? ", read right before and right after the peak phase" : "",
          ceiling.describe());
      line(
          out,
          "| commands/s ÷ ceiling | %.3f | ≥ %.1f (stretch %.1f) | %s |",
          ratio,
          ControlPlaneBenchmark.TARGET_RATIO,
          ControlPlaneBenchmark.STRETCH_RATIO,
          ratio >= ControlPlaneBenchmark.STRETCH_RATIO
              ? "met (stretch)"
              : verdict(ratio >= ControlPlaneBenchmark.TARGET_RATIO));
    } else {
      line(out, "| commands/s ÷ ceiling | not measured (no --pg-url) | ≥ 0.1 | |");
    }
    double pacedP99 = paced.latency().percentileMillis(99);
    line(
        out,
        "| p99 command latency at half the peak rate | %s ms | ≤ %.0f ms | %s |",
        ms(pacedP99),
        ControlPlaneBenchmark.TARGET_HALF_RATE_P99_MS,
        atMost(pacedP99, ControlPlaneBenchmark.TARGET_HALF_RATE_P99_MS));
    double lagP99 =
        worse(peak.lag().all().percentileMillis(99), paced.lag().all().percentileMillis(99));
    line(
        out,
        "| projection lag p99 (worse phase) | %s ms | ≤ %.0f ms | %s |",
        ms(lagP99),
        ControlPlaneBenchmark.TARGET_LAG_P99_MS,
        atMost(lagP99, ControlPlaneBenchmark.TARGET_LAG_P99_MS));
    if (ceiling != null) {
      line(out, "");
      line(out, "Ceiling command: `%s`", ceiling.command());
    }
    return out.toString();
  }

  /**
   * Where the paced phase's commands over the latency target fall: bunched in a few seconds (a
   * stall of the server or the host) or spread over the phase (a queue).
   */
  static String slowSeconds(LoadPhase.Result phase) {
    Timeline.SlowSeconds slow =
        phase.timeline().slowerThan(ControlPlaneBenchmark.TARGET_HALF_RATE_P99_MS);
    if (slow.slow() == 0) {
      return String.format(
          Locale.ROOT, "Phase %s: no command over %.0f ms.", phase.name(), slow.thresholdMillis());
    }
    String worst =
        slow.worst(3).stream()
            .map(e -> String.format(Locale.ROOT, "second %d (%d)", e.getKey(), e.getValue()))
            .collect(java.util.stream.Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "Phase %s: %d of %d commands over %.0f ms, sent in %d of its seconds; the worst three"
            + " seconds hold %.0f %% of them: %s.",
        phase.name(),
        slow.slow(),
        slow.total(),
        slow.thresholdMillis(),
        slow.bySecond().size(),
        100 * slow.shareOfWorst(3),
        worst);
  }

  /**
   * The warm-up's length and the JIT's state, which says whether the figures are of compiled code.
   */
  static String warmup(ControlPlaneBenchmark.Warmup warmup, BenchOptions options) {
    String length =
        String.format(
            Locale.ROOT,
            "warm-up %d s (at least %d, at most %d: on until the JIT compiled ≤ %d ms/s)",
            warmup.length().toSeconds(),
            options.warmup().toSeconds(),
            options.warmupLimit().toSeconds(),
            options.jitSettledMillisPerSecond());
    if (warmup.jitAtEnd().isEmpty() && warmup.jitInPeak().isEmpty()) {
      return length + "; the server does not show its JIT compiler's work";
    }
    return length
        + String.format(
            Locale.ROOT,
            "; the server's JIT compiled %s ms/s at its end and %s ms/s through the peak phase",
            rate(warmup.jitAtEnd()),
            rate(warmup.jitInPeak()));
  }

  private static String rate(OptionalDouble rate) {
    return rate.isPresent() ? String.format(Locale.ROOT, "%.0f", rate.getAsDouble()) : "?";
  }

  private static void phaseRow(StringBuilder out, LoadPhase.Result phase) {
    line(
        out,
        "| %s | %.0f | %s | %s | %s | %d | %s | %s | %d | %.0f |",
        phase.name(),
        phase.commandsPerSecond(),
        ms(phase.latency().percentileMillis(50)),
        ms(phase.latency().percentileMillis(99)),
        ms(phase.latency().maxMillis()),
        phase.errorCount(),
        ms(phase.lag().all().percentileMillis(50)),
        ms(phase.lag().all().percentileMillis(99)),
        phase.lag().all().count(),
        phase.lag().polls() / phase.seconds());
  }

  /** The larger of two figures, either of which may be missing (NaN). */
  static double worse(double a, double b) {
    if (Double.isNaN(a)) {
      return b;
    }
    return Double.isNaN(b) ? a : Math.max(a, b);
  }

  private static String atMost(double measured, double limit) {
    return Double.isNaN(measured) ? "not measured" : verdict(measured <= limit);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "missed";
  }

  private static String ms(double millis) {
    return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, "%.1f", millis);
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
