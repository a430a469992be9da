package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {

  private static final long MS = 1_000_000;
  private static final long SECOND = 1_000 * MS;

  @Test
  void slowCommandsAreCountedByTheSecondTheyWereSentIn() {
    Timeline timeline = new Timeline();
    timeline.add(100 * MS, 5 * MS);
    timeline.add(900 * MS, 80 * MS); // second 0
    timeline.add(SECOND + 10 * MS, 120 * MS); // second 1
    timeline.add(SECOND + 20 * MS, 90 * MS);
    timeline.add(SECOND + 30 * MS, 50 * MS); // at the threshold, not over it
    timeline.add(3 * SECOND, 200 * MS); // second 3

    Timeline.SlowSeconds slow = timeline.slowerThan(50);

    assertThat(slow.total()).isEqualTo(6);
    assertThat(slow.slow()).isEqualTo(4);
    assertThat(slow.bySecond()).containsExactly(Map.entry(0, 1), Map.entry(1, 2), Map.entry(3, 1));
    assertThat(slow.worst(2)).containsExactly(Map.entry(1, 2), Map.entry(0, 1));
    assertThat(slow.shareOfWorst(1)).isEqualTo(0.5);
    assertThat(slow.shareOfWorst(3)).isEqualTo(1.0);
  }

  @Test
  void workersTimelinesMergeIntoOne() {
    Timeline first = new Timeline();
    Timeline second = new Timeline();
    for (int i = 0; i < 1_500; i++) {
      first.add(i * MS, MS);
    }
    second.add(2 * SECOND, 70 * MS);

    Timeline merged = Timeline.merge(List.of(first, second));

    assertThat(merged.size()).isEqualTo(1_501);
    assertThat(merged.slowerThan(50).bySecond()).containsExactly(Map.entry(2, 1));
  }

  @Test
  void aPhaseWithoutSlowCommandsHasNoWorstSeconds() {
    Timeline timeline = new Timeline();
    timeline.add(0, 10 * MS);

    Timeline.SlowSeconds slow = timeline.slowerThan(50);

    assertThat(slow.slow()).isZero();
    assertThat(slow.worst(3)).isEmpty();
    assertThat(slow.shareOfWorst(3)).isZero();
  }
}
