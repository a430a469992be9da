package io.streamspace.command.common;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the command side.
 *
 * @param organizationSnapshotThreshold events an organization's history may add after its last
 *     snapshot before a new one is taken (every session reserves and releases quota on it)
 */
@ConfigurationProperties("streamspace.command")
public record CommandSideProperties(@DefaultValue("100") int organizationSnapshotThreshold) {

  public CommandSideProperties {
    if (organizationSnapshotThreshold < 1) {
      throw new IllegalArgumentException(
          "streamspace.command.organization-snapshot-threshold must be at least 1");
    }
  }
}
