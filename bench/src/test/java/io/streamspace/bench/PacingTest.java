package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacingTest {

  @Test
  void thePacerHandsOutEvenlySpacedSlotsUntilTheDeadline() {
    LoadPhase.Pacer pacer = new LoadPhase.Pacer(1_000, 1000.0, 1_000 + 3_000_000);

    assertThat(pacer.next()).isEqualTo(1_000);
    assertThat(pacer.next()).isEqualTo(1_001_000);
    assertThat(pacer.next()).isEqualTo(2_001_000);
    assertThat(pacer.next()).isEqualTo(-1);
  }

  @Test
  void aTemplateRevisionSurvivesTheRoundTripThroughItsDescription() {
    assertThat(ApiClient.parseRevision(ApiClient.description(123456789L))).isEqualTo(123456789L);
    assertThat(ApiClient.parseRevision("edited by hand")).isEqualTo(-1);
  }
}
