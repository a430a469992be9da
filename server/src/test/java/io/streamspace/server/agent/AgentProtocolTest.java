package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.agent.HibernateSessionOrder;
import io.streamspace.events.agent.ReportedStatus;
import io.streamspace.events.agent.ResumeSessionOrder;
import io.streamspace.events.agent.StartSessionOrder;
import io.streamspace.events.agent.StopSessionOrder;
import io.streamspace.events.common.Requester;
import io.streamspace.events.session.SessionStatus;
import org.junit.jupiter.api.Test;

/** The server's end of the protocol, with a scripted agent: orders out, reports in. */
class AgentProtocolTest extends AgentIntegrationTest {

  @Test
  void aSessionGoesToTheConnectedAgentAndFollowsItsReportsThroughItsLifecycle() {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    try (ScriptedAgent agent =
        ScriptedAgent.connect(port, ScriptedAgent.setup("a-" + newId(), issueAgentToken("t"), 4))) {
      assertThat(agent.inventory().accepted()).isTrue();

      String sessionId = createSession(tenant, alice);
      StartSessionOrder start = agent.nextOrder(StartSessionOrder.class);
      assertThat(start.sessionId()).isEqualTo(sessionId);
      assertThat(start.userId()).isEqualTo(alice.userId());
      assertThat(start.template().command()).containsExactly("xterm");

      assertThat(agent.report(sessionId, start.commandId(), ReportedStatus.STARTING).accepted())
          .isTrue();
      awaitStatus(alice, sessionId, SessionStatus.STARTING);
      assertThat(agent.running(sessionId, start.commandId()).accepted()).isTrue();
      awaitStatus(alice, sessionId, SessionStatus.RUNNING);
      assertThat(session(alice, sessionId))
          .containsEntry("agent_id", agent.agentId)
          .containsEntry("agent_connected", true);

      as(alice)
          .post()
          .uri("/api/v1/sessions/{id}/hibernate", sessionId)
          .exchange()
          .expectStatus()
          .isAccepted();
      HibernateSessionOrder hibernate = agent.nextOrder(HibernateSessionOrder.class);
      assertThat(
              agent.report(sessionId, hibernate.commandId(), ReportedStatus.HIBERNATED).accepted())
          .isTrue();

      as(alice)
          .post()
          .uri("/api/v1/sessions/{id}/resume", sessionId)
          .exchange()
          .expectStatus()
          .isAccepted();
      ResumeSessionOrder resume = agent.nextOrder(ResumeSessionOrder.class);
      assertThat(agent.running(sessionId, resume.commandId()).accepted()).isTrue();

      as(alice)
          .delete()
          .uri("/api/v1/sessions/{id}", sessionId)
          .exchange()
          .expectStatus()
          .isAccepted();
      StopSessionOrder stop = agent.nextOrder(StopSessionOrder.class);
      assertThat(agent.report(sessionId, stop.commandId(), ReportedStatus.STOPPED).accepted())
          .isTrue();
      awaitStatus(alice, sessionId, SessionStatus.STOPPED);
      eventually(
          () ->
              assertThat(
                      jdbc.queryForObject(
                          "select count(*) from dispatch_order where session_id = ?",
                          Integer.class,
                          sessionId))
                  .as("every order completed")
                  .isZero());
    }
  }
}
