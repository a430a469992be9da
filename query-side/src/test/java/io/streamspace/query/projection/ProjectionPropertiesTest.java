package io.streamspace.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionPropertiesTest {

  private final ProjectionProperties defaults =
      new ProjectionProperties(2, 100, 16, 5000, null, null);

  @Test
  void oneProcessorRunsEveryReadModelByDefault() {
    assertThat(defaults.processorNames()).containsExactly(ProjectionProperties.SHARED_PROCESSOR);
    assertThat(defaults.readModelsOf(ProjectionProperties.SHARED_PROCESSOR))
        .isEqualTo(ProjectionGroups.ALL);
    assertThat(defaults.segmentsOf(ProjectionProperties.SHARED_PROCESSOR)).isEqualTo(2);
    assertThat(defaults.batchSizeOf(ProjectionProperties.SHARED_PROCESSOR)).isEqualTo(100);
  }

  @Test
  void aReadModelCanRunInAProcessorOfItsOwn() {
    ProjectionProperties properties =
        new ProjectionProperties(
            2, 100, 16, 5000, null, Map.of(ProjectionGroups.AUDIT, ProjectionGroups.AUDIT));

    assertThat(properties.processorNames())
        .containsExactly(ProjectionProperties.SHARED_PROCESSOR, ProjectionGroups.AUDIT);
    assertThat(properties.processorOf(ProjectionGroups.AUDIT)).isEqualTo(ProjectionGroups.AUDIT);
    assertThat(properties.processorOf(ProjectionGroups.SESSIONS))
        .isEqualTo(ProjectionProperties.SHARED_PROCESSOR);
    assertThat(properties.readModelsOf(ProjectionProperties.SHARED_PROCESSOR))
        .doesNotContain(ProjectionGroups.AUDIT)
        .hasSize(ProjectionGroups.ALL.size() - 1);
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
                ProjectionGroups.SESSIONS, new ProjectionProperties.Group(null, 10)),
            null);

    assertThat(properties.segmentsOf(ProjectionGroups.AUDIT)).isEqualTo(8);
    assertThat(properties.batchSizeOf(ProjectionGroups.SESSIONS)).isEqualTo(10);
    assertThat(properties.segmentsOf(ProjectionGroups.SESSIONS)).isEqualTo(4);
  }
}
