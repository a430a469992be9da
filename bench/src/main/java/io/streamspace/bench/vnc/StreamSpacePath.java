package io.streamspace.bench.vnc;

import io.streamspace.bench.ApiClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * StreamSpace's whole path to a session whose VNC server is the synthetic one: a real agent (its
 * executable jar, in a process of its own) connected to the server, running a session of the local
 * runtime whose {@code x11vnc}, found first on the runtime's PATH, is a script that starts the
 * synthetic server on the port the runtime chose. Nothing in the platform knows the difference: the
 * runtime checks the RFB banner as usual, and every tunnel takes the production route.
 */
final class StreamSpacePath implements AutoCloseable {

  private final ApiClient admin;
  private final Process agent;
  private final String sessionId;
  private final URI server;

  private StreamSpacePath(ApiClient admin, Process agent, String sessionId, URI server) {
    this.admin = admin;
    this.agent = agent;
    this.sessionId = sessionId;
    this.server = server;
  }

  static StreamSpacePath start(
      URI server, String adminPassword, Path agentJar, List<String> agentJavaOptions, Path workDir)
      throws Exception {
    ApiClient admin = ApiClient.login(ApiClient.newHttp(), server, "admin", adminPassword);
    String token =
        admin
            .send("POST", "/api/v1/agents/tokens", Map.of("name", "vnc-tunnel-bench"))
            .expect(201)
            .json()
            .path("token")
            .asString();
    Path bin = Files.createDirectories(workDir.resolve("bin"));
    Path x11vnc = bin.resolve("x11vnc");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    StringBuilder entry = new StringBuilder();
    for (String word : VncTunnelBenchmark.entryPoint()) {
      entry.append(" '").append(word).append('\'');
    }
    Files.writeString(
        x11vnc,
        "#!/bin/sh\n"
            + "# The benchmark's stand-in for x11vnc: the synthetic RFB server on x11vnc's port.\n"
            + "exec '"
            + java
            + "' -Xmx256m -XX:+UseSerialGC"
            + entry
            + " vnc-synthetic-server \"$@\"\n");
    Files.setPosixFilePermissions(x11vnc, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path tokenFile = workDir.resolve("agent.token");
    Files.writeString(tokenFile, token);
    Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));

    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx256m");
    command.addAll(agentJavaOptions);
    command.add("-jar");
    command.add(agentJar.toString());
    command.add("--streamspace.agent.server-url=" + server);
    command.add("--streamspace.agent.token-file=" + tokenFile);
    command.add("--streamspace.agent.agent-id=vnc-bench-" + ProcessHandle.current().pid());
    command.add("--streamspace.agent.data-dir=" + workDir.resolve("agent"));
    command.add("--streamspace.agent.local.data-dir=" + workDir.resolve("agent"));
    command.add("--streamspace.agent.local.path=" + bin + ":" + System.getenv("PATH"));
    command.add("--streamspace.agent.capacity.sessions=2");
    Process agent =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("agent.log").toFile())
            .start();

    String templateId = xtermTemplate(admin);
    String sessionId = admin.createSession(templateId).expect(201).id();
    StreamSpacePath path = new StreamSpacePath(admin, agent, sessionId, server);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String status = "";
    while (System.nanoTime() < deadline) {
      status = admin.sessionStatus(sessionId).orElse("");
      if (status.equals("running") || status.equals("failed") || status.equals("stopped")) {
        break;
      }
      if (!agent.isAlive()) {
        break;
      }
      Thread.sleep(200);
    }
    if (!status.equals("running")) {
      path.close();
      throw new IllegalStateException(
          "the benchmark's session did not run (status "
              + status
              + "); see "
              + workDir.resolve("agent.log"));
    }
    return path;
  }

  private static String xtermTemplate(ApiClient admin) {
    JsonNode page = admin.send("GET", "/api/v1/templates?page_size=100", null).expect(200).json();
    for (JsonNode template : page.path("items")) {
      if ("xterm".equals(template.path("name").asString())) {
        return template.path("id").asString();
      }
    }
    throw new IllegalStateException("no xterm template in the admin's catalog");
  }

  /** A fresh VNC ticket's WebSocket URL for the session, as the viewer asks for one. */
  URI ticket() {
    JsonNode ticket =
        admin.send("GET", "/api/v1/sessions/" + sessionId + "/vnc", null).expect(200).json();
    return URI.create(ticket.path("vnc_url").asString());
  }

  /** The Origin a browser on the server's own page would send. */
  String origin() {
    return server.getScheme() + "://" + server.getAuthority();
  }

  long agentPid() {
    return agent.pid();
  }

  @Override
  public void close() throws InterruptedException {
    try {
      admin.stopSession(sessionId);
    } catch (RuntimeException e) {
      // the agent's exit stops it anyway
    }
    Thread.sleep(Duration.ofSeconds(1).toMillis());
    agent.destroy();
    if (!agent.waitFor(30, TimeUnit.SECONDS)) {
      agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory
    }
  }
}
