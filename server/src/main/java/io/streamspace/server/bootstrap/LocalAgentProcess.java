package io.streamspace.server.bootstrap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs the standalone mode's local agent as a child process of the server, connected over the real
 * protocol with the token {@link LocalAgentToken} keeps: started once the server listens, restarted
 * (with growing pauses) if it dies, and stopped before the server stops. Nothing is launched unless
 * {@code streamspace.local-agent.jar} names the agent's executable jar ({@code ./streamspace up}
 * does).
 */
@Component
public class LocalAgentProcess implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LocalAgentProcess.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  private final LocalAgentProperties properties;
  private final LocalAgentToken token;
  private final WebServerApplicationContext context;
  private final Path dataDir;
  private volatile Process process;
  private volatile Thread supervisor;
  private volatile boolean running;

  public LocalAgentProcess(
      LocalAgentProperties properties,
      LocalAgentToken token,
      WebServerApplicationContext context,
      Environment environment) {
    this.properties = properties;
    this.token = token;
    this.context = context;
    this.dataDir =
        Path.of(
                environment.getProperty(
                    "streamspace.data-dir", System.getProperty("user.home") + "/.streamspace"))
            .toAbsolutePath();
  }

  @Override
  public synchronized void start() {
    running = true;
    if (!properties.enabled() || properties.jar() == null) {
      return;
    }
    if (!Files.isRegularFile(properties.jar())) {
      log.error("no local agent: {} is not a file (build it: ./streamspace up)", properties.jar());
      return;
    }
    supervisor = new Thread(this::supervise, "local-agent-supervisor");
    supervisor.setDaemon(true);
    supervisor.start();
  }

  /** Keeps the agent running: a crash is logged and followed by a restart after a pause. */
  private void supervise() {
    Duration pause = Duration.ofSeconds(1);
    while (running) {
      long started = System.nanoTime();
      try {
        process = new ProcessBuilder(command()).inheritIO().start();
        log.info("local agent started (pid {})", process.pid());
        int exit = process.waitFor();
        if (!running) {
          return;
        }
        log.warn(
            "the local agent exited with status {}; restarting in {} s", exit, pause.toSeconds());
      } catch (IOException e) {
        log.error("cannot start the local agent: {}", e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (Duration.ofNanos(System.nanoTime() - started).compareTo(MAX_PAUSE) > 0) {
        pause = Duration.ofSeconds(1); // it ran a good while: this is a fresh failure
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
  }

  List<String> command() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(System.getProperty("java.home") + "/bin/java");
    int port = context.getWebServer().getPort();
    List<String> command = new ArrayList<>(List.of(java, "-jar", properties.jar().toString()));
    command.add("--streamspace.agent.server-url=http://127.0.0.1:" + port);
    command.add("--streamspace.agent.token-file=" + token.tokenFile());
    command.add("--streamspace.agent.agent-id=" + properties.agentId());
    command.add("--streamspace.agent.data-dir=" + dataDir.resolve("agent"));
    return command;
  }

  @Override
  public synchronized void stop() {
    running = false;
    Process child = process;
    if (child != null && child.isAlive()) {
      log.info("stopping the local agent (pid {})", child.pid());
      child.destroy(); // SIGTERM: it stops its sessions
      try {
        if (!child.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          child.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        child.destroyForcibly();
      }
    }
    if (supervisor != null) {
      supervisor.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Started after the web server listens; stopped before it stops. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
