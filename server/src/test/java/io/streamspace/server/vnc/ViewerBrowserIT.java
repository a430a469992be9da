package io.streamspace.server.vnc;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.server.agent.AgentIntegrationTest;
import io.streamspace.server.agent.AgentProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The viewer page as a person uses it: headless Debian Chromium (driven by playwright-core through
 * vnc-proxy/e2e/viewer.mjs) opens {@code /view/{id}} of a real session (the agent application, the
 * local runtime, Xvfb, an xterm, x11vnc) and noVNC connects through the platform's own {@code
 * /ws/vnc}: the desktop shows, typing into the xterm changes it, and a dropped connection comes
 * back with a fresh ticket.
 */
class ViewerBrowserIT extends AgentIntegrationTest {

  static final Path E2E = Path.of("..", "vnc-proxy", "e2e").toAbsolutePath().normalize();
  static final Path SCREENSHOTS = Path.of("target", "e2e").toAbsolutePath();

  @Test
  void theViewerShowsTheSessionsDesktopAndTypingIntoItsXtermChangesThePicture() throws Exception {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    try (AgentProcess agent = startAgent()) {
      String sessionId = createSession(tenant, alice);
      awaitStatus(alice, sessionId, SessionStatus.RUNNING);

      Path screenshot = SCREENSHOTS.resolve("viewer-" + sessionId + ".png");
      Browser run =
          runViewer("http://127.0.0.1:" + port + "/view/" + sessionId, tokenFor(alice), screenshot);

      assertThat(run.exitCode()).as(run.describe()).isZero();
      JsonNode result = run.result();
      assertThat(result.path("ok").asBoolean()).as(run.describe()).isTrue();
      assertThat(result.path("connected").asBoolean()).isTrue();
      // Under the server's Content-Security-Policy: no script error, nothing the policy blocked.
      assertThat(result.path("problems").toString())
          .as(run.describe())
          .doesNotContain("page error")
          .doesNotContainIgnoringCase("Content Security Policy");
      // The Xvfb screen as the session shows it, scaled into the window: not one flat colour.
      assertThat(result.path("canvas").path("width").asInt()).isEqualTo(1280);
      assertThat(result.path("canvas").path("height").asInt()).isEqualTo(800);
      assertThat(result.path("nonBlankPixels").asLong()).as(run.describe()).isPositive();
      assertThat(result.path("colours").asInt()).isGreaterThan(1);
      // `echo hello` + Enter, typed through noVNC, drew something new in the xterm.
      assertThat(result.path("hashAfter").asString())
          .isNotEqualTo(result.path("hashBefore").asString());
      assertThat(result.path("changedPixels").asLong()).as(run.describe()).isPositive();
      assertThat(screenshot).exists();
      assertThat(Path.of(screenshot.toString().replace(".png", "-before-typing.png"))).exists();
      // The WebSocket dropped under the page while the session ran: a fresh ticket, connected
      // again.
      assertThat(result.path("reconnected").asBoolean()).as(run.describe()).isTrue();
      assertThat(result.path("ticketsAfterReconnect").asInt())
          .isGreaterThan(result.path("ticketsBeforeDrop").asInt());

      as(alice)
          .delete()
          .uri("/api/v1/sessions/{id}", sessionId)
          .exchange()
          .expectStatus()
          .isAccepted();
    }
  }

  @Test
  void withoutATokenThePageSignsInThroughItsFormAndThenConnects() throws Exception {
    Tenant tenant = tenant();
    String username = "bob-" + newId().substring(0, 8);
    String password = "viewer-" + newId();
    Requester bob = createUserWithPassword(tenant, username, password);
    try (AgentProcess agent = startAgent()) {
      String sessionId = createSession(tenant, bob);
      awaitStatus(bob, sessionId, SessionStatus.RUNNING);

      Path screenshot = SCREENSHOTS.resolve("viewer-login-" + sessionId + ".png");
      Browser run =
          runViewer(
              "http://127.0.0.1:" + port + "/view/" + sessionId,
              "login:" + username + ":" + password,
              screenshot);

      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.result().path("signedInThroughForm").asBoolean()).isTrue();
      assertThat(run.result().path("changedPixels").asLong()).as(run.describe()).isPositive();

      as(bob)
          .delete()
          .uri("/api/v1/sessions/{id}", sessionId)
          .exchange()
          .expectStatus()
          .isAccepted();
    }
  }

  /** What one run of the browser script printed and how it ended. */
  record Browser(int exitCode, String stdout, String stderr) {

    JsonNode result() {
      String[] lines = stdout.strip().split("\n");
      return JsonMapper.builder().build().readTree(lines[lines.length - 1]);
    }

    String describe() {
      return "viewer.mjs exited " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
    }
  }

  private static Browser runViewer(String url, String credential, Path screenshot)
      throws IOException, InterruptedException {
    assertThat(E2E.resolve("node_modules").resolve("playwright-core"))
        .as("playwright-core in %s (the vnc-proxy build installs it: mvn -pl vnc-proxy test)", E2E)
        .exists();
    assertThat(Path.of("/usr/bin/chromium"))
        .as("Debian's chromium (./streamspace test installs it)")
        .exists();
    Files.createDirectories(screenshot.getParent());
    List<String> command = new ArrayList<>(List.of("node", "viewer.mjs", url, credential));
    command.add(screenshot.toString());
    Process node = new ProcessBuilder(command).directory(E2E.toFile()).start();
    CompletableFuture<String> stdout = read(node.getInputStream());
    CompletableFuture<String> stderr = read(node.getErrorStream());
    if (!node.waitFor(3, TimeUnit.MINUTES)) {
      node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    return new Browser(node.exitValue(), stdout.join(), stderr.join());
  }

  private static CompletableFuture<String> read(java.io.InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(unreadable: " + e + ")";
          }
        });
  }

  private Requester createUserWithPassword(Tenant tenant, String username, String password) {
    Map<?, ?> created =
        as(tenant.admin())
            .post()
            .uri("/api/v1/users")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("username", username, "password", password, "role", "user"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return new Requester((String) created.get("id"), tenant.organizationId(), Role.USER);
  }

  private AgentProcess startAgent() throws IOException {
    AgentProcess agent =
        AgentProcess.start(port, issueAgentToken("viewer-e2e"), "viewer-" + newId(), agentDir(), 1);
    awaitConnected(agent.agentId);
    return agent;
  }
}
