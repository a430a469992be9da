package io.streamspace.agent;

import io.streamspace.agent.connection.Backoff;
import io.streamspace.agent.connection.FrameMasking;
import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.AgentProtocol;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything an {@link Agent} needs, resolved (token read, id chosen): what {@link AgentProperties}
 * becomes at startup, and what a test builds directly to run an agent without Spring.
 *
 * @param serverUrl the API server, {@code http(s)://host:port}; the agent connects to its {@link
 *     AgentProtocol#PATH} over WebSocket
 * @param token the agent token a system admin issued; never logged
 * @param tokenFile where the token came from, or null; read again before every connection attempt,
 *     so a token the server replaced there (its local agent's, after a revocation) is picked up
 * @param agentId this agent's stable id
 * @param capacity what it offers the server
 * @param heartbeatInterval how often it sends a heartbeat
 * @param requestTimeout how long it waits for the server's answer to an inventory or a report
 * @param reconnect backoff between connection attempts
 * @param frameMasking whether the WebSocket frames it sends carry random masking keys
 */
public record AgentSettings(
    URI serverUrl,
    String token,
    Path tokenFile,
    String agentId,
    AgentCapacity capacity,
    Duration heartbeatInterval,
    Duration requestTimeout,
    Backoff.Policy reconnect,
    FrameMasking frameMasking) {

  public AgentSettings {
    Objects.requireNonNull(serverUrl, "serverUrl");
    if (!"http".equals(serverUrl.getScheme()) && !"https".equals(serverUrl.getScheme())
        || serverUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "the server URL must be http://host[:port] or https://host[:port]: " + serverUrl);
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the agent token must not be empty");
    }
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(capacity, "capacity");
    if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException("the heartbeat interval must be positive");
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("the request timeout must be positive");
    }
    Objects.requireNonNull(reconnect, "reconnect");
    Objects.requireNonNull(frameMasking, "frameMasking");
  }

  /** Settings with the protocol's heartbeat interval and the default timeouts and backoff. */
  public static AgentSettings of(
      URI serverUrl, String token, String agentId, AgentCapacity capacity) {
    return new AgentSettings(
        serverUrl,
        token,
        null,
        agentId,
        capacity,
        AgentProtocol.HEARTBEAT_INTERVAL,
        Duration.ofSeconds(30),
        Backoff.Policy.DEFAULT,
        FrameMasking.AUTO);
  }

  public AgentSettings withHeartbeatInterval(Duration interval) {
    return new AgentSettings(
        serverUrl,
        token,
        tokenFile,
        agentId,
        capacity,
        interval,
        requestTimeout,
        reconnect,
        frameMasking);
  }

  public AgentSettings withRequestTimeout(Duration timeout) {
    return new AgentSettings(
        serverUrl,
        token,
        tokenFile,
        agentId,
        capacity,
        heartbeatInterval,
        timeout,
        reconnect,
        frameMasking);
  }

  public AgentSettings withReconnect(Backoff.Policy policy) {
    return new AgentSettings(
        serverUrl,
        token,
        tokenFile,
        agentId,
        capacity,
        heartbeatInterval,
        requestTimeout,
        policy,
        frameMasking);
  }

  /** The same settings, with the token read again from {@code file} before each connection. */
  public AgentSettings withTokenFile(Path file) {
    return new AgentSettings(
        serverUrl,
        TokenFile.read(file),
        file,
        agentId,
        capacity,
        heartbeatInterval,
        requestTimeout,
        reconnect,
        frameMasking);
  }

  /** The same settings, with frames masked as {@code masking} says. */
  public AgentSettings withFrameMasking(FrameMasking masking) {
    return new AgentSettings(
        serverUrl,
        token,
        tokenFile,
        agentId,
        capacity,
        heartbeatInterval,
        requestTimeout,
        reconnect,
        masking);
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "AgentSettings[serverUrl=%s, agentId=%s, capacity=%s, heartbeatInterval=%s]"
        .formatted(serverUrl, agentId, capacity, heartbeatInterval);
  }
}
