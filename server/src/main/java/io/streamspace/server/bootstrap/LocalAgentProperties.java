package io.streamspace.server.bootstrap;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The token of the agent that standalone mode runs beside the server ({@code
 * streamspace.local-agent.*}).
 *
 * @param enabled whether the server keeps a valid local agent token in {@code tokenFile}; a cluster
 *     whose agents all get tokens from an admin switches it off
 * @param tokenFile where the secret is written (mode 0600) for the local agent to read; default
 *     {@code <streamspace.data-dir>/agent/local-agent.token}
 * @param jar the agent's executable jar; when set, the server runs the local agent as its child
 *     process ({@code ./streamspace up} sets it); unset, no agent is started
 * @param agentId the local agent's id
 */
@ConfigurationProperties("streamspace.local-agent")
public record LocalAgentProperties(
    @DefaultValue("true") boolean enabled,
    Path tokenFile,
    Path jar,
    @DefaultValue("local") String agentId) {

  /** The token file: the configured one, else the default place in {@code dataDir}. */
  public Path tokenFileIn(Path dataDir) {
    return tokenFile != null ? tokenFile : dataDir.resolve("agent").resolve("local-agent.token");
  }
}
