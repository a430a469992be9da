package io.streamspace.agent;

import io.streamspace.agent.connection.Backoff;
import io.streamspace.agent.connection.FrameMasking;
import io.streamspace.agent.connection.MachineUsage;
import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.AgentProtocol;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agent's settings ({@code streamspace.agent.*}), with defaults that connect to a server on
 * this machine.
 *
 * @param serverUrl the API server (default {@code http://localhost:8000})
 * @param token the agent token; also from the environment as {@code STREAMSPACE_AGENT_TOKEN}
 * @param tokenFile a file holding the token, read when {@code token} is unset
 * @param agentId this agent's id; by default generated once ({@code <hostname>-<8 hex>}) and kept
 *     in {@code <dataDir>/agent-id}
 * @param dataDir the agent's own files, and the local runtime's unless {@code
 *     streamspace.agent.local.data-dir} says otherwise (default {@code ~/.streamspace/agent})
 * @param capacity what the agent offers the server
 * @param heartbeatInterval how often to send a heartbeat (default the protocol's 10 s)
 * @param requestTimeout how long to wait for the server to answer an inventory or a report
 * @param reconnect backoff between connection attempts
 * @param frameMasking whether WebSocket frames to the server carry random masking keys: {@code
 *     auto} (default: only on plain links to another machine), {@code always} or {@code never}
 */
@ConfigurationProperties("streamspace.agent")
public record AgentProperties(
    @DefaultValue("http://localhost:8000") URI serverUrl,
    String token,
    Path tokenFile,
    String agentId,
    Path dataDir,
    @DefaultValue Capacity capacity,
    Duration heartbeatInterval,
    @DefaultValue("30s") Duration requestTimeout,
    @DefaultValue Reconnect reconnect,
    @DefaultValue("auto") FrameMasking frameMasking) {

  public AgentProperties {
    if (dataDir == null) {
      dataDir = defaultDataDir();
    }
    if (heartbeatInterval == null) {
      heartbeatInterval = AgentProtocol.HEARTBEAT_INTERVAL;
    }
  }

  /** The agent's data directory when none is configured. */
  public static Path defaultDataDir() {
    return Path.of(System.getProperty("user.home"), ".streamspace", "agent");
  }

  /**
   * Sessions, CPU (thousandths of a core) and memory (MiB) offered. Memory defaults to the
   * machine's; CPU defaults to 0, no limit: desktop sessions idle most of the time and share the
   * cores at a lower priority than the agent, so counting their requested CPU against the cores
   * would turn a two-core laptop away after a few terminals.
   */
  public record Capacity(@DefaultValue("8") int sessions, Integer cpuMillis, Integer memoryMb) {}

  /** Capped exponential backoff with full jitter between connection attempts. */
  public record Reconnect(
      @DefaultValue("500ms") Duration initialDelay,
      @DefaultValue("2") double factor,
      @DefaultValue("30s") Duration maxDelay) {}

  /**
   * The settings an {@link Agent} runs with: reads the token file and chooses the agent id.
   *
   * @throws AgentConfigurationException when there is no token or something is invalid
   */
  public AgentSettings resolve() {
    try {
      int cpuMillis = capacity.cpuMillis() != null ? capacity.cpuMillis() : 0;
      int memoryMb =
          capacity.memoryMb() != null ? capacity.memoryMb() : new MachineUsage().totalMemoryMb();
      String resolvedToken = resolveToken();
      boolean fromFile = token == null || token.isBlank();
      return new AgentSettings(
          serverUrl,
          resolvedToken,
          fromFile ? tokenFile : null,
          agentId != null && !agentId.isBlank() ? AgentIds.check(agentId) : AgentIds.of(dataDir),
          new AgentCapacity(capacity.sessions(), cpuMillis, memoryMb),
          heartbeatInterval,
          requestTimeout,
          new Backoff.Policy(reconnect.initialDelay(), reconnect.factor(), reconnect.maxDelay()),
          frameMasking);
    } catch (IllegalArgumentException e) {
      throw new AgentConfigurationException(e.getMessage());
    }
  }

  private String resolveToken() {
    if (token != null && !token.isBlank()) {
      return token.strip();
    }
    if (tokenFile == null) {
      throw new AgentConfigurationException(
          "no agent token: pass --token or --token-file (properties streamspace.agent.token,"
              + " streamspace.agent.token-file; environment STREAMSPACE_AGENT_TOKEN)");
    }
    return TokenFile.read(tokenFile);
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "AgentProperties[serverUrl=%s, tokenFile=%s, agentId=%s, dataDir=%s, capacity=%s, frameMasking=%s]"
        .formatted(serverUrl, tokenFile, agentId, dataDir, capacity, frameMasking);
  }
}
