package io.streamspace.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionPropertiesTest {

  private final ProjectionProperties defaults =
      new ProjectionProperties(2, 100, 16, 5000, 50, false, 10000, null, null);

  @Test
  void byDefaultEveryReadModelRunsInAProcessorOfItsOwn() {
    assertThat(defaults.processorNames()).containsExactlyElementsOf(ProjectionGroups.ALL);
    for (String readModel : ProjectionGroups.ALL) {
      assertThat(defaults.processorOf(readModel)).isEqualTo(readModel);
      assertThat(defaults.readModelsOf(readModel)).containsExactly(readModel);
    }
    assertThat(defaults.segmentsOf(ProjectionGroups.SESSIONS)).isEqualTo(2);
    assertThat(defaults.batchSizeOf(ProjectionGroups.AGENTS)).isEqualTo(100);
  }

  @Test
  void readModelsGivenOneProcessorRunAndReplayTogether() {
    ProjectionProperties properties =
        new ProjectionProperties(
            2,
            100,
            16,
            5000,
            50,
            false,
            10000,
            null,
            Map.of(
                ProjectionGroups.SESSIONS, "read-models",
                ProjectionGroups.TEMPLATES, "read-models"));

    assertThat(properties.processorNames())
        .containsExactly(
            "read-models",
            ProjectionGroups.ORGANIZATIONS,
            ProjectionGroups.USERS,
            ProjectionGroups.AGENTS);
    assertThat(properties.readModelsOf("read-models"))
        .containsExactly(ProjectionGroups.SESSIONS, ProjectionGroups.TEMPLATES);
    assertThat(properties.processorOf(ProjectionGroups.AGENTS)).isEqualTo(ProjectionGroups.AGENTS);
  }

  @Test
  void aGroupsOwnSettingsWin() {
    ProjectionProperties properties =
        new ProjectionProperties(
            4,
            100,
            16,
            5000,
            50,
            false,
            10000,
            Map.of(
                ProjectionGroups.AGENTS, new ProjectionProperties.Group(8, null),
                ProjectionGroups.SESSIONS, new ProjectionProperties.Group(null, 10)),
            null);

    assertThat(properties.segmentsOf(ProjectionGroups.AGENTS)).isEqualTo(8);
    assertThat(properties.batchSizeOf(ProjectionGroups.SESSIONS)).isEqualTo(10);
    assertThat(properties.segmentsOf(ProjectionGroups.SESSIONS)).isEqualTo(4);
  }

  @Test
  void theEventStoreCachesAtLeastOneEvent() {
    assertThatThrownBy(() -> new ProjectionProperties(2, 100, 16, 5000, 50, false, 0, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cached-events");
  }
}
