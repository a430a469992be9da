package io.streamspace.command.common;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The snapshot triggers that aggregates with long histories name in their {@code @Aggregate}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CommandSideProperties.class)
public class SnapshotConfiguration {

  /**
   * Bean name referenced by {@code Organization}'s {@code @Aggregate(snapshotTriggerDefinition)}.
   */
  public static final String ORGANIZATION_SNAPSHOT_TRIGGER = "organizationSnapshotTrigger";

  @Bean(ORGANIZATION_SNAPSHOT_TRIGGER)
  SnapshotTriggerDefinition organizationSnapshotTrigger(
      Snapshotter snapshotter, CommandSideProperties properties) {
    return new EventCountSnapshotTriggerDefinition(
        snapshotter, properties.organizationSnapshotThreshold());
  }
}
