package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.session.SessionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Through the REST API to real sessions: the real agent application, the local runtime, Xvfb, an
 * xterm and x11vnc.
 */
class LocalAgentEndToEndTest extends AgentIntegrationTest {

  @Test
  void aSessionRunsAnswersRfbHibernatesResumesAndStopsLeavingNothingBehind() throws Exception {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    try (AgentProcess agent =
        AgentProcess.start(port, issueAgentToken("e2e"), "e2e-" + newId(), agentDir(), 2)) {
      awaitConnected(agent.agentId);
      String sessionId = createSession(tenant, alice);
      awaitStatus(alice, sessionId, SessionStatus.RUNNING);
      String endpoint = vncEndpoint(sessionId);
      assertThat(LocalSessions.rfbBanner(endpoint)).startsWith("RFB 003.00");
      assertThat(LocalSessions.xServersOf(sessionId))
          .as(LocalSessions.describe(sessionId))
          .isEqualTo(1);

      as(alice)
          .post()
          .uri("/api/v1/sessions/{id}/hibernate", sessionId)
          .exchange()
          .expectStatus()
          .isAccepted();
      eventually(() -> assertThat(LocalSessions.allStopped(sessionId)).isTrue());
      eventually(() -> assertThat(openOrders(sessionId)).isZero());

      as(alice)
          .post()
          .uri("/api/v1/sessions/{id}/resume", sessionId)
          .exchange()
          .expectStatus()
          .isAccepted();
      eventually(() -> assertThat(LocalSessions.noneStopped(sessionId)).isTrue());
      eventually(() -> assertThat(LocalSessions.rfbBanner(endpoint)).startsWith("RFB 003.00"));

      as(alice)
          .delete()
          .uri("/api/v1/sessions/{id}", sessionId)
          .exchange()
          .expectStatus()
          .isAccepted();
      eventually(() -> assertThat(LocalSessions.processesOf(sessionId)).isEmpty());
      eventually(() -> assertThat(openOrders(sessionId)).isZero());
      assertThat(LocalSessions.rfbBanner(endpoint)).startsWith("no banner");
      awaitStatus(alice, sessionId, SessionStatus.STOPPED);
    }
  }

  @Test
  void anAgentKilledWhileProvisioningRunsTheSessionExactlyOnceAfterItRestarts() throws Exception {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    String token = issueAgentToken("e2e");
    String agentId = "kill-" + newId();
    Path dir = agentDir();
    String sessionId;
    // A VNC server that takes 4 s to come up holds the session in provisioning long enough to
    // kill its agent there for certain.
    Path slow = Files.createDirectories(dir.resolve("slow-bin"));
    Path x11vnc = slow.resolve("x11vnc");
    Files.writeString(x11vnc, "#!/bin/sh\nsleep 4\nexec " + which("x11vnc") + " \"$@\"\n");
    Files.setPosixFilePermissions(x11vnc, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (AgentProcess agent =
        AgentProcess.start(
            port,
            token,
            agentId,
            dir,
            2,
            List.of("--streamspace.agent.local.path=" + slow + ":" + System.getenv("PATH")))) {
      awaitConnected(agentId);
      sessionId = createSession(tenant, alice);
      awaitStatus(alice, sessionId, SessionStatus.STARTING);
      eventually(() -> assertThat(LocalSessions.processesOf(sessionId)).isNotEmpty());
      agent.kill();
    }
    eventually(() -> assertThat(LocalSessions.processesOf(sessionId)).isEmpty());

    try (AgentProcess again = AgentProcess.start(port, token, agentId, dir, 2)) {
      awaitStatus(alice, sessionId, SessionStatus.RUNNING);
      assertThat(LocalSessions.rfbBanner(vncEndpoint(sessionId))).startsWith("RFB 003.00");
      assertThat(LocalSessions.xServersOf(sessionId))
          .as("one runtime: %s", LocalSessions.describe(sessionId))
          .isEqualTo(1);
      assertThat(eventTypes(sessionId).stream().filter("SessionRunning"::equals).count())
          .isEqualTo(1);
      as(alice)
          .delete()
          .uri("/api/v1/sessions/{id}", sessionId)
          .exchange()
          .expectStatus()
          .isAccepted();
      eventually(() -> assertThat(LocalSessions.processesOf(sessionId)).isEmpty());
    }
  }

  private static String which(String command) {
    for (String dir : System.getenv("PATH").split(":")) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError(command + " is not installed (./streamspace test installs it)");
  }

  private int openOrders(String sessionId) {
    return jdbc.queryForObject(
        "select count(*) from dispatch_order where session_id = ?", Integer.class, sessionId);
  }

  private List<String> eventTypes(String sessionId) {
    return jdbc.queryForList(
        "select regexp_replace(payload_type, '.*[.]', '') from domain_event_entry"
            + " where aggregate_identifier = ? order by sequence_number",
        String.class,
        sessionId);
  }
}
