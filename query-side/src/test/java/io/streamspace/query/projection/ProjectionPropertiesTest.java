package io.streamspace.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionPropertiesTest {

  private final ProjectionProperties defaults = new ProjectionProperties(2, 100, 16, 5000, null);

  @Test
  void everyReadModelHasTheConfiguredSegmentCount() {
    assertThat(defaults.segmentsOf(ProjectionGroups.SESSIONS)).isEqualTo(2);
    assertThat(defaults.segmentsOf(ProjectionGroups.USERS)).isEqualTo(2);
    assertThat(defaults.segmentsOf(ProjectionGroups.AUDIT)).isEqualTo(2);
    assertThat(defaults.batchSizeOf(ProjectionGroups.AUDIT)).isEqualTo(100);
  }

  @Test
  void aGroupsOwnSettingsWin() {
    ProjectionProperties properties =
        new ProjectionProperties(
            4,
            100,
            16,
            5000,
            Map.of(
                ProjectionGroups.AUDIT, new ProjectionProperties.Group(8, null),
                ProjectionGroups.SESSIONS, new ProjectionProperties.Group(null, 10)));

    assertThat(properties.segmentsOf(ProjectionGroups.AUDIT)).isEqualTo(8);
    assertThat(properties.batchSizeOf(ProjectionGroups.SESSIONS)).isEqualTo(10);
    assertThat(properties.segmentsOf(ProjectionGroups.SESSIONS)).isEqualTo(4);
  }
}
