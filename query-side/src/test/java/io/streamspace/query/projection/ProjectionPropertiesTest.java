package io.streamspace.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectionPropertiesTest {

  private final ProjectionProperties defaults =
      new ProjectionProperties(2, 100, 16, 5000, null, null);

  @Test
  void byDefaultOneProcessorRunsEveryReadModelButTheAuditLog() {
    assertThat(defaults.processorNames())
        .containsExactly(ProjectionProperties.SHARED_PROCESSOR, ProjectionGroups.AUDIT);
    assertThat(defaults.readModelsOf(ProjectionProperties.SHARED_PROCESSOR))
        .containsExactly(
            ProjectionGroups.SESSIONS,
            ProjectionGroups.TEMPLATES,
            ProjectionGroups.ORGANIZATIONS,
            ProjectionGroups.USERS,
            ProjectionGroups.AGENTS);
    assertThat(defaults.readModelsOf(ProjectionGroups.AUDIT))
        .containsExactly(ProjectionGroups.AUDIT);
    assertThat(defaults.segmentsOf(ProjectionProperties.SHARED_PROCESSOR)).isEqualTo(2);
    assertThat(defaults.batchSizeOf(ProjectionGroups.AUDIT)).isEqualTo(100);
  }

  @Test
  void theAuditLogCanJoinTheOthersAndAnyReadModelCanRunOnItsOwn() {
    ProjectionProperties allInOne =
        new ProjectionProperties(
            2,
            100,
            16,
            5000,
            null,
            Map.of(ProjectionGroups.AUDIT, ProjectionProperties.SHARED_PROCESSOR));
    assertThat(allInOne.processorNames()).containsExactly(ProjectionProperties.SHARED_PROCESSOR);
    assertThat(allInOne.readModelsOf(ProjectionProperties.SHARED_PROCESSOR))
        .isEqualTo(ProjectionGroups.ALL);

    ProjectionProperties sessionsApart =
        new ProjectionProperties(
            2, 100, 16, 5000, null, Map.of(ProjectionGroups.SESSIONS, ProjectionGroups.SESSIONS));
    assertThat(sessionsApart.processorNames())
        .containsExactly(
            ProjectionGroups.SESSIONS,
            ProjectionProperties.SHARED_PROCESSOR,
            ProjectionGroups.AUDIT);
    assertThat(sessionsApart.processorOf(ProjectionGroups.TEMPLATES))
        .isEqualTo(ProjectionProperties.SHARED_PROCESSOR);
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
