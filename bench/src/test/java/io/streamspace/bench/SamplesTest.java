package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {

  private static Samples millis(long... values) {
    Samples samples = new Samples();
    for (long value : values) {
      samples.add(value * 1_000_000);
    }
    return samples;
  }

  @Test
  void percentilesAreNearestRankOverTheMergedSortedSamplesOfAllThreads() {
    Samples first = new Samples();
    Samples second = new Samples();
    for (int i = 100; i >= 1; i--) {
      (i % 2 == 0 ? first : second).add(i * 1_000_000L);
    }

    Samples.Distribution distribution = Samples.merge(List.of(first, second));

    assertThat(distribution.count()).isEqualTo(100);
    assertThat(distribution.percentileMillis(50)).isEqualTo(50.0);
    assertThat(distribution.percentileMillis(99)).isEqualTo(99.0);
    assertThat(distribution.percentileMillis(100)).isEqualTo(100.0);
    assertThat(distribution.maxMillis()).isEqualTo(100.0);
  }

  @Test
  void aSingleSlowSampleIsTheP99OfASmallRun() {
    Samples.Distribution distribution =
        Samples.merge(List.of(millis(1, 1, 1, 1, 1, 1, 1, 1, 1, 90)));

    assertThat(distribution.percentileMillis(50)).isEqualTo(1.0);
    assertThat(distribution.percentileMillis(99)).isEqualTo(90.0);
  }

  @Test
  void samplesGrowPastTheirInitialCapacity() {
    Samples samples = new Samples();
    for (int i = 0; i < 5000; i++) {
      samples.add(i);
    }

    assertThat(Samples.merge(List.of(samples)).count()).isEqualTo(5000);
  }

  @Test
  void noSamplesHaveNoPercentile() {
    assertThat(Samples.merge(List.of(new Samples())).percentileMillis(99)).isNaN();
  }
}
