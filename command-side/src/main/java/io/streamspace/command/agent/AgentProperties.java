package io.streamspace.command.agent;

import io.streamspace.events.agent.AgentProtocol;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the server treats agents.
 *
 * @param heartbeatInterval how often agents send heartbeats (they are told nothing: it must match
 *     their own setting)
 * @param missedHeartbeats heartbeats an agent may miss before it counts as disconnected
 * @param pendingTimeout how long a session may wait for an agent before it fails
 * @param startingTimeout how long an agent may take from accepting a session to running it
 * @param sweepInterval how often timeouts, silent agents and unsent orders are checked
 */
@ConfigurationProperties("streamspace.agents")
public record AgentProperties(
    @DefaultValue("10s") Duration heartbeatInterval,
    @DefaultValue("3") int missedHeartbeats,
    @DefaultValue("5m") Duration pendingTimeout,
    @DefaultValue("2m") Duration startingTimeout,
    @DefaultValue("2s") Duration sweepInterval) {

  public AgentProperties {
    requirePositive("heartbeat-interval", heartbeatInterval);
    requirePositive("pending-timeout", pendingTimeout);
    requirePositive("starting-timeout", startingTimeout);
    requirePositive("sweep-interval", sweepInterval);
    if (missedHeartbeats < 1) {
      throw new IllegalArgumentException("streamspace.agents.missed-heartbeats must be at least 1");
    }
  }

  /** Defaults as the protocol states them. */
  public static AgentProperties defaults() {
    return new AgentProperties(
        AgentProtocol.HEARTBEAT_INTERVAL,
        AgentProtocol.MISSED_HEARTBEATS_ALLOWED,
        Duration.ofMinutes(5),
        Duration.ofMinutes(2),
        Duration.ofSeconds(2));
  }

  /** Silence longer than this means the agent is gone. */
  public Duration silenceLimit() {
    return heartbeatInterval.multipliedBy(missedHeartbeats);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("streamspace.agents." + name + " must be positive");
    }
  }
}
