package io.streamspace.server.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged server and the packaged agent together, as `./streamspace up` and an operator run
 * them: real sessions of the seeded xterm template.
 */
class LocalAgentIT {

  private PackagedServer server;
  private Process agent;

  @AfterEach
  void endLeftovers() throws InterruptedException {
    if (agent != null && agent.isAlive()) {
      agent.destroy(); // SIGTERM: it stops its sessions
      if (!agent.waitFor(30, TimeUnit.SECONDS)) {
        agent.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    if (server != null) {
      server.kill();
    }
  }

  @Test
  void upRunsTheLocalAgentWhoseXtermAnswersRfbAndSigtermLeavesNothingRunning() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "up-");
    assertThat(PackagedServer.AGENT_JAR).exists();
    server =
        new PackagedServer(
                dataDir,
                PackagedServer.freePort(),
                "--streamspace.local-agent.jar=" + PackagedServer.AGENT_JAR)
            .start();
    String token = server.login();
    String sessionId = server.createSession(token, server.templateId(token, "xterm"));
    server.awaitStatus(token, sessionId, "running");
    assertThat(rfbBanner(vncEndpoint(token, sessionId))).startsWith("RFB 003.00");

    server.stop();
    assertThat(sessionProcesses(sessionId)).as("the session's processes").isEmpty();
    assertThat(PackagedServer.processesMentioning(dataDir.toString(), "streamspace-agent"))
        .as("the local agent")
        .isEmpty();
  }

  @Test
  void anAgentKeepsItsSessionsAcrossAServerRestartAndReconnects() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restart-");
    int port = PackagedServer.freePort();
    server = new PackagedServer(dataDir, port).start();
    String token = server.login();
    agent = startAgent(port, dataDir);
    String sessionId = server.createSession(token, server.templateId(token, "xterm"));
    server.awaitStatus(token, sessionId, "running");
    String endpoint = vncEndpoint(token, sessionId);

    server.stop();
    assertThat(rfbBanner(endpoint)).as("the session runs on without the server").startsWith("RFB");
    Instant restarted = Instant.now();
    server.start();
    String again = server.login();
    awaitAgentConnectedSince(again, restarted);
    server.awaitStatus(again, sessionId, "running");
    assertThat(rfbBanner(endpoint)).startsWith("RFB 003.00");
    assertThat(server.get(again, "/api/v1/sessions/" + sessionId + "/events").body())
        .doesNotContain("SessionFailed");

    HttpDelete.delete(server, again, "/api/v1/sessions/" + sessionId);
    server.awaitStatus(again, sessionId, "stopped");
    Instant deadline = Instant.now().plusSeconds(30);
    while (!sessionProcesses(sessionId).isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(sessionProcesses(sessionId)).isEmpty();

    agent.destroy();
    assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("the agent stopped after SIGTERM").isTrue();
    server.stop();
    assertThat(PackagedServer.processesMentioning(dataDir.toString(), "postgres")).isEmpty();
  }

  private Process startAgent(int port, Path dataDir) throws IOException {
    Path tokenFile = dataDir.resolve("agent").resolve("local-agent.token");
    assertThat(tokenFile).exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-jar");
    command.add(PackagedServer.AGENT_JAR.toString());
    command.add("--streamspace.agent.server-url=http://127.0.0.1:" + port);
    command.add("--streamspace.agent.token-file=" + tokenFile);
    command.add("--streamspace.agent.agent-id=restart-agent");
    command.add("--streamspace.agent.data-dir=" + dataDir.resolve("agent-data"));
    command.add("--streamspace.agent.reconnect.max-delay=2s");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dataDir.resolve("agent.log").toFile())
        .start();
  }

  private void awaitAgentConnectedSince(String token, Instant since) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    String body = "";
    while (Instant.now().isBefore(deadline)) {
      body = server.get(token, "/api/v1/agents/restart-agent").body();
      if (body.contains("\"state\":\"connected\"")
          && Instant.parse(PackagedServer.field(body, "connected_at")).isAfter(since)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the agent did not reconnect after the restart: " + body);
  }

  private String vncEndpoint(String token, String sessionId) throws Exception {
    String history = server.get(token, "/api/v1/sessions/" + sessionId + "/events").body();
    Matcher endpoint = Pattern.compile("\"vnc_endpoint\"\\s*:\\s*\"([^\"]+)\"").matcher(history);
    assertThat(endpoint.find()).as("a running session's endpoint in %s", history).isTrue();
    return endpoint.group(1);
  }

  private static List<ProcessHandle> sessionProcesses(String sessionId) {
    String marker = "STREAMSPACE_SESSION=" + sessionId;
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              try {
                return Files.readString(
                        Path.of("/proc", Long.toString(p.pid()), "environ"),
                        StandardCharsets.ISO_8859_1)
                    .contains(marker);
              } catch (IOException | RuntimeException e) {
                return false;
              }
            })
        .toList();
  }

  private static String rfbBanner(String endpoint) {
    int colon = endpoint.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1))),
          2000);
      socket.setSoTimeout(2000);
      InputStream in = socket.getInputStream();
      return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "no banner: " + e;
    }
  }

  /** DELETE with the admin's token. */
  private static final class HttpDelete {
    static void delete(PackagedServer server, String token, String path) throws Exception {
      int status =
          server
              .send(
                  java.net.http.HttpRequest.newBuilder()
                      .uri(server.uri(path))
                      .header("Authorization", "Bearer " + token)
                      .DELETE())
              .statusCode();
      assertThat(status).isEqualTo(202);
    }
  }
}
