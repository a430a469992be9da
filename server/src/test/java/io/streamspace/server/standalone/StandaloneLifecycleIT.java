package io.streamspace.server.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged server as a user runs it: first start on an empty data directory, work through the
 * API, SIGTERM, no PostgreSQL left behind, restart on the same directory, and everything is still
 * there.
 */
class StandaloneLifecycleIT {

  private static final String ADMIN_PASSWORD = "lifecycle-admin-password";
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process server;

  @AfterEach
  void killLeftovers() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRestartKeepsEverySessionAndEventAndSigtermLeavesNoPostgresBehind() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "standalone-");
    int port = freePort();

    server = start(dataDir, port);
    String token = login(port);
    String templateId = firstTemplateId(port, token);
    HttpResponse<String> created =
        send(
            port,
            HttpRequest.newBuilder()
                .uri(uri(port, "/api/v1/sessions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"template_id\":\"" + templateId + "\"}")));
    assertThat(created.statusCode()).isEqualTo(201);
    String sessionId = field(created.body(), "id");
    String historyBefore = awaitHistory(port, token, sessionId);

    stopWithSigterm(dataDir);

    server = start(dataDir, port);
    String tokenAfterRestart = login(port);
    HttpResponse<String> session =
        send(
            port,
            HttpRequest.newBuilder()
                .uri(uri(port, "/api/v1/sessions/" + sessionId))
                .header("Authorization", "Bearer " + tokenAfterRestart)
                .GET());
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(field(session.body(), "status")).isEqualTo("pending");
    assertThat(awaitHistory(port, tokenAfterRestart, sessionId)).isEqualTo(historyBefore);

    stopWithSigterm(dataDir);
  }

  private Process start(Path dataDir, int port) throws Exception {
    Path jar = Path.of("target", "streamspace-server.jar").toAbsolutePath();
    assertThat(jar).exists();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(
                dataDir.resolve("server-" + Instant.now().toEpochMilli() + ".log").toFile());
    builder.environment().put("STREAMSPACE_DATA_DIR", dataDir.toString());
    builder.environment().put("STREAMSPACE_PORT", Integer.toString(port));
    builder.environment().put("STREAMSPACE_ADMIN_PASSWORD", ADMIN_PASSWORD);
    builder.environment().remove("STREAMSPACE_DATABASE_URL");
    Process process = builder.start();
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as("server exited during startup").isTrue();
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(uri(port, "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return process;
        }
      } catch (IOException notYetListening) {
        // keep polling until the deadline
      }
      Thread.sleep(250);
    }
    throw new AssertionError("server did not become ready within 120 s");
  }

  private void stopWithSigterm(Path dataDir) throws Exception {
    server.destroy(); // SIGTERM, as Ctrl-C or a service manager would send
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server stopped after SIGTERM").isTrue();
    assertThat(postgresProcessesUsing(dataDir)).as("postgres processes left behind").isEmpty();
    assertThat(dataDir.resolve("postgres/data/postmaster.pid")).doesNotExist();
  }

  private static List<ProcessHandle> postgresProcessesUsing(Path dataDir) {
    String marker = dataDir.toString();
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains(marker) && c.contains("postgres"))
                    .orElse(false))
        .toList();
  }

  private String login(int port) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    HttpResponse<String> response;
    do {
      // The admin is created by the first start's bootstrap, which may finish just after readiness.
      response =
          send(
              port,
              HttpRequest.newBuilder()
                  .uri(uri(port, "/api/v1/auth/login"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}")));
      if (response.statusCode() == 200) {
        return field(response.body(), "access_token");
      }
      Thread.sleep(250);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError(
        "admin login failed: " + response.statusCode() + " " + response.body());
  }

  private String firstTemplateId(int port, String token) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> templates =
          send(
              port,
              HttpRequest.newBuilder()
                  .uri(uri(port, "/api/v1/templates"))
                  .header("Authorization", "Bearer " + token)
                  .GET());
      assertThat(templates.statusCode()).isEqualTo(200);
      Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(templates.body());
      if (id.find()) {
        return id.group(1);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the seeded templates never appeared");
  }

  /** The session's history once the dispatcher has recorded why it waits (no agent runs here). */
  private String awaitHistory(int port, String token, String sessionId) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    HttpResponse<String> history;
    do {
      history =
          send(
              port,
              HttpRequest.newBuilder()
                  .uri(uri(port, "/api/v1/sessions/" + sessionId + "/events"))
                  .header("Authorization", "Bearer " + token)
                  .GET());
      assertThat(history.statusCode()).isEqualTo(200);
      if (history.body().contains("SessionWaiting")) {
        assertThat(history.body()).contains("SessionCreated");
        return history.body();
      }
      Thread.sleep(100);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError("the session never showed why it waits: " + history.body());
  }

  private HttpResponse<String> send(int port, HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(int port, String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String field(String json, String name) {
    Matcher matcher =
        Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    assertThat(matcher.find()).as("field %s in %s", name, json).isTrue();
    return matcher.group(1);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
