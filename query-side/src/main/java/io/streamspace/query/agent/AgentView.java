package io.streamspace.query.agent;

import java.time.Instant;

/**
 * An agent as {@code GET /api/v1/agents} shows it: what it offers, whether it is connected, and its
 * load (live sessions placed on it, and the usage of its last heartbeat).
 *
 * @param heartbeatAgeSeconds whole seconds since the last heartbeat, null before the first
 * @param tokenId the agent token it connected with, so an admin knows which one to revoke
 */
public record AgentView(
    String id,
    String backend,
    String state,
    String version,
    Capacity capacity,
    Load load,
    Instant lastHeartbeatAt,
    Long heartbeatAgeSeconds,
    Instant connectedAt,
    Instant disconnectedAt,
    String disconnectReason,
    String tokenId) {

  /** What the agent offers (0 means no limit on that resource). */
  public record Capacity(int sessions, int cpuMillis, int memoryMb) {}

  /**
   * What the agent carries: {@code sessions} counts the live (not stopped or failed) sessions the
   * platform placed on it; the usage figures are those of its last heartbeat, null before one.
   */
  public record Load(
      long sessions, Integer cpuMillisUsed, Integer memoryMbUsed, Double loadAverage) {}
}
