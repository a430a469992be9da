package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.bench.MinimalStackComparison.Options;
import io.streamspace.bench.MinimalStackComparison.Phase;
import io.streamspace.bench.MinimalStackComparison.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class MinimalStackComparisonTest {

  @Test
  void bothServersAndAnAdminPasswordAreRequired() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--url", "http://a"}, "secret"))
        .hasMessageContaining("--minimal-url");
    assertThatThrownBy(
            () ->
                Options.parse(
                    new String[] {"--url", "http://a", "--minimal-url", "http://b"}, null))
        .hasMessageContaining("--admin-password");
  }

  @Test
  void countsMustBePositiveNumbers() {
    String[] base = {"--url", "http://a", "--minimal-url", "http://b"};
    assertThatThrownBy(() -> Options.parse(with(base, "--rounds", "0"), "secret"))
        .hasMessageContaining("--rounds must be a positive number");
    assertThatThrownBy(() -> Options.parse(with(base, "--workers", "many"), "secret"))
        .hasMessageContaining("--workers must be a positive number, not many");
    assertThatThrownBy(() -> Options.parse(with(base, "--bogus", "1"), "secret"))
        .hasMessageContaining("unknown option --bogus");
  }

  @Test
  void defaultsAlternateTwoRoundsOfThirtySecondsAfterAWarmUpInOneOrganization() {
    Options options =
        Options.parse(new String[] {"--url", "http://a", "--minimal-url", "http://b"}, "secret");
    assertThat(options.rounds()).isEqualTo(2);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(90));
    assertThat(options.warmupLimit()).isEqualTo(Duration.ofSeconds(900));
    assertThat(options.jitSettledMillisPerSecond()).isEqualTo(60);
    assertThat(options.workers()).isEqualTo(16);
    assertThat(options.adminUser()).isEqualTo("admin");
    assertThat(options.organizations()).isEqualTo(1);
  }

  @Test
  void theReportComparesMeanRatesWithEachOtherAndWithTheCeiling() {
    Options options =
        Options.parse(new String[] {"--url", "http://a", "--minimal-url", "http://b"}, "secret");
    Target minimal = new Target("minimal Axon app", List.of(), List.of("t"), 0, null);
    Target streamspace = new Target("StreamSpace", List.of(), List.of("t"), 0, null);
    List<Phase> phases =
        List.of(
            phase(minimal, 800, 2.0),
            phase(streamspace, 200, 1.0),
            phase(minimal, 1200, Double.NaN),
            phase(streamspace, 400, 1.5));

    String report =
        MinimalStackComparison.report(
            options,
            "run",
            "0.1 0.2 0.3",
            new PgbenchCeiling.Result(10_000, "pgbench ..."),
            warmups(),
            phases);

    // means 1,000 and 300 commands/s over a 10,000 tps ceiling
    assertThat(report)
        .contains(
            "mean commands/s: minimal Axon app 1000, StreamSpace 300; StreamSpace ÷ minimal 0.30")
        .contains("÷ ceiling: minimal Axon app 0.100, StreamSpace 0.030")
        .contains("| 1 | minimal Axon app | 800 | 0.080 |")
        .contains("| 2 | StreamSpace | 200 | 0.020 |");
    // 1.0 CPU-second over 200 commands
    assertThat(report).contains("| 5.00 ms | - |");
  }

  @Test
  void theReportSaysHowLongEachServerWarmedUpUntilItsJitSettled() {
    Options options =
        Options.parse(new String[] {"--url", "http://a", "--minimal-url", "http://b"}, "secret");

    String report =
        MinimalStackComparison.report(options, "run", "0.1", null, warmups(), List.of());

    assertThat(report)
        .contains(
            "- warm-up of minimal Axon app: 105 s (at least 90, at most 900: on until its JIT"
                + " compiled ≤ 60 ms/s); its JIT compiled 12 ms/s at its end")
        .contains(
            "- warm-up of StreamSpace: 540 s (at least 90, at most 900: on until its JIT compiled"
                + " ≤ 60 ms/s); its JIT compiled 48 ms/s at its end");
  }

  @Test
  void aWarmUpLimitBelowTheWarmUpMakesItFixed() {
    Options options =
        Options.parse(
            new String[] {
              "--url",
              "http://a",
              "--minimal-url",
              "http://b",
              "--warmup",
              "120",
              "--warmup-limit",
              "60"
            },
            "secret");

    assertThat(options.warmupLimit()).isEqualTo(Duration.ofSeconds(120));
  }

  private static Map<String, JitCompilation.Settled> warmups() {
    Map<String, JitCompilation.Settled> warmups = new LinkedHashMap<>();
    warmups.put(
        "minimal Axon app",
        new JitCompilation.Settled(Duration.ofSeconds(105), OptionalDouble.of(12.2)));
    warmups.put(
        "StreamSpace",
        new JitCompilation.Settled(Duration.ofSeconds(540), OptionalDouble.of(47.9)));
    return warmups;
  }

  /** A one-second phase with {@code commands} samples of 1 ms. */
  private static Phase phase(Target target, int commands, double cpuSeconds) {
    Samples samples = new Samples();
    for (int i = 0; i < commands; i++) {
      samples.add(1_000_000);
    }
    return new Phase(target, 1.0, Samples.merge(List.of(samples)), 0, cpuSeconds, Double.NaN);
  }

  private static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }
}
