package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.session.SessionStatus;
import java.nio.file.Path;
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
      assertThat(LocalSessions.xServersOf(sessionId)).isEqualTo(1);

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
      assertThat(session(alice, sessionId).get("status")).isEqualTo("stopped");
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
    try (AgentProcess agent = AgentProcess.start(port, token, agentId, dir, 2)) {
      awaitConnected(agentId);
      sessionId = createSession(tenant, alice);
      // the start order is out: kill the agent while it provisions
      eventually(() -> assertThat(LocalSessions.processesOf(sessionId)).isNotEmpty());
      agent.kill();
    }
    eventually(() -> assertThat(LocalSessions.processesOf(sessionId)).isEmpty());

    try (AgentProcess again = AgentProcess.start(port, token, agentId, dir, 2)) {
      awaitStatus(alice, sessionId, SessionStatus.RUNNING);
      assertThat(LocalSessions.rfbBanner(vncEndpoint(sessionId))).startsWith("RFB 003.00");
      assertThat(LocalSessions.xServersOf(sessionId)).as("one runtime").isEqualTo(1);
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

  private void awaitConnected(String agentId) {
    eventually(
        () ->
            assertThat(
                    jdbc.queryForList(
                        "select connected from dispatch_agent where agent_id = ?",
                        Boolean.class,
                        agentId))
                .containsExactly(true));
  }

  private String vncEndpoint(String sessionId) {
    return jdbc.queryForObject(
        "select vnc_endpoint from session_view where id = ?", String.class, sessionId);
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

  private static Path agentDir() {
    return newDataDirectory().resolve("agent");
  }
}
