package io.streamspace.agent.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session never outlives its agent, whatever the session was doing when the agent was killed
 * (SIGKILL, so the agent cleans up nothing): the agent runs in a JVM of its own ({@link
 * AgentThatDies}), and a session's processes are found the way a restarted agent finds them, by
 * {@code STREAMSPACE_SESSION=<id>} in their environment. Slow wrappers around Xvfb and x11vnc on
 * the runtime's PATH hold the session in one provisioning step long enough to kill the agent there.
 */
class SessionsEndWithTheirAgentTest {

  /** Well below the stop grace period (5 s): TERM must end the session, not a later KILL. */
  private static final Duration MOMENTS = Duration.ofSeconds(4);

  private static final Duration STOP_GRACE =
      LocalRuntimeProperties.defaults(Path.of(".")).stopGrace();

  @TempDir Path dataDir;
  @TempDir Path bin;
  final String sessionId = "dies-" + UUID.randomUUID();
  Process agent;
  BufferedReader agentOut;

  @AfterEach
  void leaveNothingBehind() {
    if (agent != null) {
      agent.destroyForcibly();
    }
    sessionProcesses()
        .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  @Test
  void aSessionWhoseXServerIsStillStartingEndsWhenItsAgentIsKilled() throws Exception {
    Path xvfbStarting = slowWrapper("Xvfb", 2);
    startAgent("run");
    awaitFile(xvfbStarting); // the supervisor now waits for Xvfb to accept clients

    killAgent();

    assertTheSessionEndsWithinMoments();
  }

  @Test
  void aSessionWhoseVncServerHasNotStartedEndsWhenItsAgentIsKilled() throws Exception {
    Path vncStarting = slowWrapper("x11vnc", 4);
    startAgent("run");
    awaitFile(vncStarting); // Xvfb accepts clients and the app runs; x11vnc is 4 s away
    assertThat(sessionProcesses()).anySatisfy(pid -> assertThat(name(pid)).isEqualTo("Xvfb"));

    killAgent();

    assertTheSessionEndsWithinMoments();
  }

  @Test
  void aRunningSessionEndsWhenItsAgentIsKilled() throws Exception {
    startAgent("run");
    awaitLine("running ");
    assertThat(sessionProcesses().stream().map(SessionsEndWithTheirAgentTest::name))
        .contains("Xvfb", "x11vnc", "xterm");

    killAgent();

    assertTheSessionEndsWithinMoments();
  }

  @Test
  void anAppIgnoringSigtermIsKilledAfterTheGracePeriodWhenItsAgentIsKilled() throws Exception {
    startAgent("run", "bash", "-c", "trap '' TERM; while :; do sleep 1; done");
    awaitLine("running ");

    killAgent();

    Thread.sleep(1000);
    assertThat(sessionProcesses().stream().map(SessionsEndWithTheirAgentTest::name))
        .as("the app outlives TERM")
        .contains("bash");
    await()
        .atMost(STOP_GRACE.plus(MOMENTS))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> sessionProcesses().isEmpty());
  }

  @Test
  void aHibernatedSessionLeftByAKilledAgentEndsWhenARuntimeStartsOnItsDataDir() throws Exception {
    startAgent("hibernate");
    awaitLine("hibernated");
    List<Long> frozen = sessionProcesses();

    killAgent();

    // Frozen, it cannot read the end of its agent's pipe (documented): it waits for a new agent.
    Thread.sleep(1000);
    assertThat(sessionProcesses()).containsAll(frozen);
    try (LocalRuntime restarted = new LocalRuntime(LocalRuntimeProperties.defaults(dataDir))) {
      assertTheSessionEndsWithinMoments();
      assertThat(restarted.list()).isEmpty();
    }
  }

  /** An executable named like the tool that starts the real one only after a pause. */
  private Path slowWrapper(String tool, int seconds) throws IOException {
    Path starting = dataDir.resolve(tool + "-starting");
    Path wrapper = bin.resolve(tool);
    Files.writeString(
        wrapper,
        "#!/bin/bash\ntouch '%s'\nsleep %d\nexec '%s' \"$@\"\n"
            .formatted(starting, seconds, onPath(tool)));
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    return starting;
  }

  private void startAgent(String mode, String... app) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AgentThatDies.class.getName(),
                dataDir.toString(),
                bin + ":" + System.getenv("PATH"),
                sessionId,
                mode));
    command.addAll(List.of(app));
    agent = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    agentOut =
        new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
  }

  private void killAgent() throws InterruptedException {
    agent.destroyForcibly().waitFor(); // SIGKILL: the agent's JVM runs no code of its own any more
  }

  /** Reads the agent's stdout (its log too) up to the line with the prefix. */
  private void awaitLine(String prefix) throws IOException {
    for (String line; (line = agentOut.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return;
      }
    }
    throw new AssertionError("the agent ended before printing " + prefix);
  }

  private static void awaitFile(Path file) {
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file));
  }

  private void assertTheSessionEndsWithinMoments() {
    await()
        .atMost(MOMENTS)
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () ->
                assertThat(sessionProcesses())
                    .as("processes of session %s (pid and name)", sessionId)
                    .extracting(pid -> pid + " " + name(pid))
                    .isEmpty());
  }

  /**
   * Live processes (zombies run nothing) whose environment marks them as this session's. Unreadable
   * entries belong to processes that just ended or are not ours.
   */
  private List<Long> sessionProcesses() {
    byte[] marker = ("STREAMSPACE_SESSION=" + sessionId + "\0").getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
      return proc.map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .filter(pid -> environContains(pid, marker))
          .filter(SessionProcesses::running)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean environContains(long pid, byte[] entry) {
    try {
      byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
      String text = "\0" + new String(environ, StandardCharsets.UTF_8);
      return text.contains("\0" + new String(entry, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return false;
    }
  }

  private static String name(long pid) {
    return SessionProcesses.name(pid);
  }

  private static Path onPath(String tool) {
    return Stream.of(System.getenv("PATH").split(":"))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, tool))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new AssertionError(tool + " is not installed"));
  }
}
