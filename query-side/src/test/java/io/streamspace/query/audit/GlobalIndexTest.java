package io.streamspace.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.junit.jupiter.api.Test;

class GlobalIndexTest {

  @Test
  void theJdbcStoresTokenGivesItsIndex() {
    assertThat(GlobalIndex.of(GapAwareTrackingToken.newInstance(42, List.of(40L)))).isEqualTo(42);
    assertThat(GlobalIndex.of(new GlobalSequenceTrackingToken(7))).isEqualTo(7);
  }

  @Test
  void aReplayGivesTheReplayedEventsIndexNotTheResetPoint() {
    var replay =
        ReplayToken.createReplayToken(
            GapAwareTrackingToken.newInstance(100, List.of()),
            GapAwareTrackingToken.newInstance(3, List.of()));

    assertThat(GlobalIndex.of(replay)).isEqualTo(3);
  }

  @Test
  void aMergeGivesThePositionOfTheSegmentThatAdvanced() {
    var merged =
        new MergedTrackingToken(
                GapAwareTrackingToken.newInstance(5, List.of()),
                GapAwareTrackingToken.newInstance(10, List.of()))
            .advancedTo(GapAwareTrackingToken.newInstance(7, List.of()));

    assertThat(GlobalIndex.of(merged)).isEqualTo(7);
  }
}
