package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real agent application (its executable jar, built by the agent module before the server's
 * tests run) in a process of its own, as an operator runs it; killable like one.
 */
public final class AgentProcess implements AutoCloseable {

  static final Path JAR =
      Path.of("..", "agent", "target", "streamspace-agent-exec.jar").toAbsolutePath().normalize();

  public final String agentId;
  public final Path dataDir;
  private final Process process;

  private AgentProcess(String agentId, Path dataDir, Process process) {
    this.agentId = agentId;
    this.dataDir = dataDir;
    this.process = process;
  }

  /** Starts an agent for the server on {@code port} with {@code token}, heartbeating every 1 s. */
  public static AgentProcess start(
      int port, String token, String agentId, Path dataDir, int sessions) throws IOException {
    return start(port, token, agentId, dataDir, sessions, List.of());
  }

  /** As above, with extra {@code --name=value} settings for the agent. */
  public static AgentProcess start(
      int port, String token, String agentId, Path dataDir, int sessions, List<String> settings)
      throws IOException {
    assertThat(JAR)
        .as("the agent's jar (build the agent module first: mvn -pl agent -am package)")
        .exists();
    Files.createDirectories(dataDir);
    Path tokenFile = dataDir.resolve("token");
    Files.writeString(tokenFile, token);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-jar");
    command.add(JAR.toString());
    command.add("--streamspace.agent.server-url=http://127.0.0.1:" + port);
    command.add("--streamspace.agent.token-file=" + tokenFile);
    command.add("--streamspace.agent.agent-id=" + agentId);
    command.add("--streamspace.agent.data-dir=" + dataDir);
    command.add("--streamspace.agent.local.data-dir=" + dataDir);
    command.add("--streamspace.agent.heartbeat-interval=1s");
    command.add("--streamspace.agent.capacity.sessions=" + sessions);
    command.add("--streamspace.agent.reconnect.max-delay=2s");
    command.addAll(settings);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                    dataDir.resolve("agent-" + Instant.now().toEpochMilli() + ".log").toFile()))
            .start();
    return new AgentProcess(agentId, dataDir, process);
  }

  /** SIGKILL: the agent gets no chance to clean up (its sessions' supervisors see it go). */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, as a service manager stops it: it stops its sessions first. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
