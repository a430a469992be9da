package io.streamspace.command.common;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the command side.
 *
 * @param organizationSnapshotThreshold events an organization's history may add after its last
 *     snapshot before a new one is taken (every session reserves and releases quota on it)
 * @param dispatchThreads threads that run commands for the API; each holds a JDBC connection for
 *     the length of its unit of work, so more than the connection pool only makes commands queue
 *     for connections instead of here
 * @param dispatchQueueCapacity commands that may wait for a thread before the API answers 503
 * @param dispatchDrainTimeout how long shutdown waits for commands already accepted to finish
 * @param aggregateCacheEntries aggregates of each kind (organizations, templates, sessions) kept
 *     loaded between commands; one beyond it makes the least used one be read again from the event
 *     store when next needed
 */
@ConfigurationProperties("streamspace.command")
public record CommandSideProperties(
    @DefaultValue("100") int organizationSnapshotThreshold,
    @DefaultValue("10") int dispatchThreads,
    @DefaultValue("1000") int dispatchQueueCapacity,
    @DefaultValue("15s") Duration dispatchDrainTimeout,
    @DefaultValue("10000") int aggregateCacheEntries) {

  public CommandSideProperties {
    if (organizationSnapshotThreshold < 1) {
      throw new IllegalArgumentException(
          "streamspace.command.organization-snapshot-threshold must be at least 1");
    }
    if (dispatchThreads < 1) {
      throw new IllegalArgumentException("streamspace.command.dispatch-threads must be at least 1");
    }
    if (dispatchQueueCapacity < 1) {
      throw new IllegalArgumentException(
          "streamspace.command.dispatch-queue-capacity must be at least 1");
    }
    if (dispatchDrainTimeout == null || dispatchDrainTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "streamspace.command.dispatch-drain-timeout must not be negative");
    }
    if (aggregateCacheEntries < 1) {
      throw new IllegalArgumentException(
          "streamspace.command.aggregate-cache-entries must be at least 1");
    }
  }
}
