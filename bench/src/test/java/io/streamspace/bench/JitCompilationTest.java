package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JitCompilationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void readsTheCompilersAccumulatedTimeFromTheActuatorsAnswer() {
    String answer =
        """
        {"name":"jvm.compilation.time","baseUnit":"ms",
         "measurements":[{"statistic":"COUNT","value":40416.0}],
         "availableTags":[{"tag":"compiler","values":["HotSpot 64-Bit Tiered Compilers"]}]}
        """;

    assertThat(JitCompilation.totalMillis(JSON.readTree(answer))).hasValue(40416.0);
    assertThat(JitCompilation.totalMillis(JSON.readTree("{\"measurements\":[]}"))).isEmpty();
  }

  @Test
  void readsTheCompilersAccumulatedTimeFromJstatsAnswerInMilliseconds() {
    String answer =
        """
        Compiled Failed Invalid   Time   FailedType FailedMethod
           25032      3       0   398.80          1 org/axonframework/common/Foo bar
        """;

    assertThat(JitCompilation.jstatMillis(answer)).hasValue(398_800.0);
    assertThat(JitCompilation.jstatMillis("12345 not found")).isEmpty();
  }

  @Test
  void aLocalJvmsCompilerIsReadThroughItsProcessId() {
    OptionalDouble thisJvm = JitCompilation.ofProcess(ProcessHandle.current().pid()).totalMillis();

    assertThat(thisJvm).isPresent();
    assertThat(thisJvm.getAsDouble()).isPositive();
    assertThat(JitCompilation.ofProcess(Long.MAX_VALUE).totalMillis()).isEmpty();
  }

  @Test
  void aWarmUpGoesOnInSlicesUntilTheCompilerSettlesAndNoLongerThanItsLimit()
      throws InterruptedException {
    java.util.List<Duration> slices = new java.util.ArrayList<>();
    java.util.Iterator<Double> readings =
        java.util.List.of(0.0, 3_000.0, 3_000.0, 3_000.0).iterator();
    // the compiler's total before and after each slice: busy in the first, idle in the second
    JitCompilation jit = JitCompilation.reading(() -> OptionalDouble.of(readings.next()));

    JitCompilation.Settled settled =
        jit.warmUntilSettled(
            "a JVM", Duration.ofMillis(20), Duration.ofSeconds(60), 60, slices::add);

    assertThat(slices).containsExactly(Duration.ofMillis(20), JitCompilation.WARMUP_SLICE);
    assertThat(settled.rateAtEnd()).hasValue(0.0);
  }

  @Test
  void aWarmUpWhoseLimitIsItsMinimumRunsOnceWhateverTheCompilerDoes() throws InterruptedException {
    java.util.List<Duration> slices = new java.util.ArrayList<>();
    java.util.Iterator<Double> readings = java.util.List.of(0.0, 3_000.0).iterator();
    JitCompilation jit = JitCompilation.reading(() -> OptionalDouble.of(readings.next()));

    JitCompilation.Settled settled =
        jit.warmUntilSettled(
            "a JVM", Duration.ofMillis(20), Duration.ofMillis(20), 60, slices::add);

    assertThat(slices).containsExactly(Duration.ofMillis(20));
    assertThat(settled.rateAtEnd().getAsDouble()).isGreaterThan(60);
  }

  @Test
  void theRateIsCompilationPerSecondOfWallTimeAndUnknownIfEitherReadingIs() {
    long fifteenSeconds = Duration.ofSeconds(15).toNanos();

    assertThat(
            JitCompilation.millisPerSecond(
                OptionalDouble.of(100_000), OptionalDouble.of(115_000), fifteenSeconds))
        .hasValue(1000.0);
    assertThat(
            JitCompilation.millisPerSecond(
                OptionalDouble.empty(), OptionalDouble.of(115_000), fifteenSeconds))
        .isEmpty();
  }

  @Test
  void theReportSaysHowLongTheWarmUpRanAndWhatTheJitDid() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {"--warmup", "150"}, Map.of("STREAMSPACE_ADMIN_PASSWORD", "pw"));

    String settled =
        Report.warmup(
            new ControlPlaneBenchmark.Warmup(
                Duration.ofSeconds(615), OptionalDouble.of(41.6), OptionalDouble.of(22.4)),
            options);
    String unknown =
        Report.warmup(
            new ControlPlaneBenchmark.Warmup(
                Duration.ofSeconds(150), OptionalDouble.empty(), OptionalDouble.empty()),
            options);

    assertThat(settled)
        .startsWith("warm-up 615 s (at least 150, at most 900")
        .endsWith("compiled 42 ms/s at its end and 22 ms/s through the peak phase");
    assertThat(unknown).endsWith("the server does not show its JIT compiler's work");
  }
}
