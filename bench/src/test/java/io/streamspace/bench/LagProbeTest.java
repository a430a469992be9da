package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LagProbeTest {

  @Test
  void everyNthCommandOfEachKindIsSampledAcrossAllWorkers() throws Exception {
    // three probes at once: none of the three sampled commands finds them all busy
    LagProbe probe = new LagProbe(3, 3, 1, 1_000);
    AtomicInteger checked = new AtomicInteger();

    for (int i = 0; i < 9; i++) {
      probe.offer(LoadPhase.Kind.CREATE_SESSION, null, api -> checked.incrementAndGet() > 0);
    }
    probe.offer(LoadPhase.Kind.STOP_SESSION, null, api -> checked.incrementAndGet() > 0);
    LagProbe.Result result = probe.finish();

    assertThat(result.byKind().get(LoadPhase.Kind.CREATE_SESSION).count()).isEqualTo(3);
    assertThat(result.byKind().get(LoadPhase.Kind.STOP_SESSION).count()).isZero();
    assertThat(checked).hasValue(3);
  }

  @Test
  void aProbeThatNeverSeesTheEffectTimesOutAndRecordsNoLag() throws Exception {
    LagProbe probe = new LagProbe(1, 1, 1, 50);

    probe.offer(LoadPhase.Kind.UPDATE_TEMPLATE, null, api -> false);
    LagProbe.Result result = probe.finish();

    assertThat(result.timedOut()).isEqualTo(1);
    assertThat(result.all().count()).isZero();
    assertThat(result.polls()).isGreaterThan(1);
  }

  @Test
  void theWorseOfTwoPhasesIgnoresAPhaseWithoutSamples() {
    assertThat(Report.worse(Double.NaN, 12.0)).isEqualTo(12.0);
    assertThat(Report.worse(30.0, Double.NaN)).isEqualTo(30.0);
    assertThat(Report.worse(30.0, 12.0)).isEqualTo(30.0);
    assertThat(Report.worse(Double.NaN, Double.NaN)).isNaN();
  }
}
