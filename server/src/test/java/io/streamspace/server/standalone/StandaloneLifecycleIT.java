package io.streamspace.server.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged server as a user runs it: first start on an empty data directory, work through the
 * API, SIGTERM, no PostgreSQL left behind, restart on the same directory, and everything is still
 * there.
 */
class StandaloneLifecycleIT {

  private PackagedServer server;

  @AfterEach
  void killLeftovers() throws InterruptedException {
    if (server != null) {
      server.kill();
    }
  }

  @Test
  void aRestartKeepsEverySessionAndEventAndSigtermLeavesNoPostgresBehind() throws Exception {
    Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "standalone-");
    server = new PackagedServer(dataDir, PackagedServer.freePort()).start();
    String token = server.login();
    String sessionId = server.createSession(token, server.templateId(token, null));
    String historyBefore = awaitHistory(token, sessionId);

    stopWithSigterm(dataDir);

    server.start();
    String tokenAfterRestart = server.login();
    HttpResponse<String> session = server.get(tokenAfterRestart, "/api/v1/sessions/" + sessionId);
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(PackagedServer.field(session.body(), "status")).isEqualTo("pending");
    assertThat(awaitHistory(tokenAfterRestart, sessionId)).isEqualTo(historyBefore);

    stopWithSigterm(dataDir);
  }

  private void stopWithSigterm(Path dataDir) throws Exception {
    server.stop();
    assertThat(PackagedServer.processesMentioning(dataDir.toString(), "postgres"))
        .as("postgres processes left behind")
        .isEmpty();
    assertThat(dataDir.resolve("postgres/data/postmaster.pid")).doesNotExist();
  }

  /** The session's history, which says why it waits from its creation on (no agent runs here). */
  private String awaitHistory(String token, String sessionId) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    HttpResponse<String> history;
    do {
      history = server.get(token, "/api/v1/sessions/" + sessionId + "/events");
      assertThat(history.statusCode()).isEqualTo(200);
      if (history.body().contains("SessionCreated")) {
        assertThat(history.body())
            .contains("\"waiting_reason\":\"waiting for an agent: none is connected\"");
        return history.body();
      }
      Thread.sleep(100);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError("the session never showed why it waits: " + history.body());
  }
}
