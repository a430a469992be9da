package io.streamspace.server.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server jar run as a user runs it, on a data directory and port of the test's, with a
 * small HTTP client for its API.
 */
final class PackagedServer {

  static final String ADMIN_PASSWORD = "packaged-admin-password";
  static final Path AGENT_JAR =
      Path.of("..", "agent", "target", "streamspace-agent-exec.jar").toAbsolutePath().normalize();

  final Path dataDir;
  final int port;
  private final List<String> arguments;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;

  PackagedServer(Path dataDir, int port, String... arguments) {
    this.dataDir = dataDir;
    this.port = port;
    this.arguments = List.of(arguments);
  }

  /** Starts the server and waits until it is ready. */
  PackagedServer start() throws Exception {
    Path jar = Path.of("target", "streamspace-server.jar").toAbsolutePath();
    assertThat(jar).exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                dataDir.resolve("server-" + Instant.now().toEpochMilli() + ".log").toFile());
    builder.environment().put("STREAMSPACE_DATA_DIR", dataDir.toString());
    builder.environment().put("STREAMSPACE_PORT", Integer.toString(port));
    builder.environment().put("STREAMSPACE_ADMIN_PASSWORD", ADMIN_PASSWORD);
    builder.environment().remove("STREAMSPACE_DATABASE_URL");
    process = builder.start();
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as("server exited during startup").isTrue();
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYetListening) {
        // keep polling until the deadline
      }
      Thread.sleep(250);
    }
    throw new AssertionError("server did not become ready within 120 s");
  }

  /** SIGTERM, as Ctrl-C or a service manager would send; waits for the process to end. */
  void stop() throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("server stopped after SIGTERM").isTrue();
  }

  /**
   * Ends whatever is left of it (after a test): SIGTERM first, so it stops the embedded PostgreSQL
   * and its local agent, SIGKILL only if that does not end it.
   */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** The admin's access token (the first start's bootstrap may finish just after readiness). */
  String login() throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    HttpResponse<String> response;
    do {
      response =
          send(
              HttpRequest.newBuilder()
                  .uri(uri("/api/v1/auth/login"))
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

  /** The id of the seeded template named {@code name}. */
  String templateId(String token, String name) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> templates = get(token, "/api/v1/templates?page_size=100");
      assertThat(templates.statusCode()).isEqualTo(200);
      Matcher entry =
          Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"\\s*,[^{}]*\"name\"\\s*:\\s*\"([^\"]+)\"")
              .matcher(templates.body());
      while (entry.find()) {
        if (name == null || entry.group(2).equals(name)) {
          return entry.group(1);
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the seeded template " + name + " never appeared");
  }

  /** Creates a session of {@code templateId} and returns its id. */
  String createSession(String token, String templateId) throws Exception {
    HttpResponse<String> created =
        send(
            HttpRequest.newBuilder()
                .uri(uri("/api/v1/sessions"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"template_id\":\"" + templateId + "\"}")));
    assertThat(created.statusCode()).isEqualTo(201);
    return field(created.body(), "id");
  }

  /** Waits until the session has {@code status}; fails early if it ends otherwise. */
  void awaitStatus(String token, String sessionId, String status) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      last = get(token, "/api/v1/sessions/" + sessionId).body();
      if (last.contains("\"status\":\"" + status + "\"")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("session " + sessionId + " never became " + status + ": " + last);
  }

  HttpResponse<String> get(String token, String path) throws Exception {
    return send(
        HttpRequest.newBuilder().uri(uri(path)).header("Authorization", "Bearer " + token).GET());
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  static String field(String json, String name) {
    Matcher matcher =
        Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    assertThat(matcher.find()).as("field %s in %s", name, json).isTrue();
    return matcher.group(1);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Processes whose command line mentions {@code marker} and {@code name}. */
  static List<ProcessHandle> processesMentioning(String marker, String name) {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains(marker) && c.contains(name))
                    .orElse(false))
        .toList();
  }
}
