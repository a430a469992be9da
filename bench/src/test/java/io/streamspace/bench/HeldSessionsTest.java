package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeldSessionsTest {

  @ParameterizedTest
  @CsvSource({"16, 1, 2000", "16, 3, 1000", "5, 4, 7", "16, 16, 3", "3, 2, 1"})
  void everyOrganizationHoldsExactlyItsCountSharedByItsWorkers(
      int workers, int organizations, int perOrganization) {
    Map<Integer, Integer> held = new HashMap<>();
    for (int worker = 0; worker < workers; worker++) {
      int count = ControlPlaneBenchmark.heldBy(worker, workers, organizations, perOrganization);
      assertThat(count).isBetween(perOrganization / workers, perOrganization);
      held.merge(worker % organizations, count, Integer::sum);
    }

    assertThat(held).hasSize(Math.min(workers, organizations));
    assertThat(held.values()).containsOnly(perOrganization);
  }

  @Test
  void sixteenWorkersOfOneOrganizationOpenAnEqualShare() {
    for (int worker = 0; worker < 16; worker++) {
      assertThat(ControlPlaneBenchmark.heldBy(worker, 16, 1, 2000)).isEqualTo(125);
    }
  }
}
