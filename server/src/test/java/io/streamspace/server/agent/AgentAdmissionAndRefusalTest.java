package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.Inventory;
import io.streamspace.events.agent.ReportReceipt;
import io.streamspace.events.agent.ReportedStatus;
import io.streamspace.events.agent.SessionReport;
import io.streamspace.events.agent.StartSessionOrder;
import io.streamspace.events.common.Requester;
import io.streamspace.events.session.SessionStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who gets in, and what an admitted agent may not do: refusals change nothing and leave the
 * connection (and every other one) working.
 */
class AgentAdmissionAndRefusalTest extends AgentIntegrationTest {

  @Test
  void anAgentWithoutAValidTokenIsRefusedAtSetupAndTheRefusalIsAudited() {
    String revoked = issueAgentToken("soon revoked");
    String revokedId = tokenIdOf(revoked);
    as(ROOT)
        .delete()
        .uri("/api/v1/agents/tokens/{id}", revokedId)
        .exchange()
        .expectStatus()
        .isNoContent();

    for (String token : List.of("ssa_forged-token-that-nobody-issued", revoked, "")) {
      String agentId = "refused-" + newId();
      try (ScriptedAgent agent =
          ScriptedAgent.connect(port, ScriptedAgent.setup(agentId, token, 1))) {
        assertThatThrownBy(agent::inventory)
            .as("token %s", token)
            .hasMessageContaining("agent token");
      }
      eventually(
          () ->
              assertThat(
                      jdbc.queryForList(
                          "select event_type from audit_log where payload::text like ?",
                          String.class,
                          "%" + agentId + "%"))
                  .contains("AgentConnectionRefused"));
      assertThat(
              jdbc.queryForObject(
                  "select count(*) from dispatch_agent where agent_id = ?", Integer.class, agentId))
          .as("a refused agent never counts as connected")
          .isZero();
    }
  }

  @Test
  void impossibleReportsAreRefusedWithAReasonAndChangeNothing() {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    String token = issueAgentToken("t");
    try (ScriptedAgent agent =
            ScriptedAgent.connect(port, ScriptedAgent.setup("a-" + newId(), token, 1));
        ScriptedAgent other =
            ScriptedAgent.connect(port, ScriptedAgent.setup("b-" + newId(), token, 1))) {
      agent.inventory();
      other.inventory();
      String sessionId = createSession(tenant, alice);
      ScriptedAgent holder = eventuallyGet(() -> holderOf(sessionId, agent, other));
      ScriptedAgent stranger = holder == agent ? other : agent;
      StartSessionOrder start = holder.nextOrder(StartSessionOrder.class);

      assertRefused(stranger.running(sessionId, start.commandId()), "not assigned to this agent");
      assertRefused(holder.report(newId(), null, ReportedStatus.RUNNING), "VNC");
      assertRefused(holder.running(newId(), null), "not found");
      assertRefused(
          holder.report(sessionId, start.commandId(), ReportedStatus.HIBERNATED), "does not fit");
      assertRefused(
          holder.report(new SessionReport(sessionId, null, ReportedStatus.RUNNING, "", 0, null)),
          "VNC host");
      assertRefused(
          holder.report(new SessionReport(" ", null, ReportedStatus.STOPPED, null, 0, null)),
          "no session");
      assertThat(session(alice, sessionId).get("status")).isEqualTo("pending");
      assertThat(eventTypes(sessionId)).doesNotContain("SessionRunning", "SessionHibernated");

      // the same connection still works
      assertThat(holder.running(sessionId, start.commandId()).accepted()).isTrue();
      awaitStatus(alice, sessionId, SessionStatus.RUNNING);
    }
  }

  @Test
  void anOversizedFrameCostsOnlyItsOwnConnection() {
    String token = issueAgentToken("t");
    try (ScriptedAgent greedy =
            ScriptedAgent.connect(port, ScriptedAgent.setup("g-" + newId(), token, 1));
        ScriptedAgent modest =
            ScriptedAgent.connect(port, ScriptedAgent.setup("m-" + newId(), token, 1))) {
      greedy.inventory();
      modest.inventory();
      String huge = "x".repeat(AgentProtocol.MAX_FRAME_BYTES + 1024);
      assertThatThrownBy(
              () ->
                  greedy
                      .request(
                          AgentProtocol.REPORT,
                          new SessionReport(newId(), null, ReportedStatus.FAILED, null, 0, huge),
                          ReportReceipt.class)
                      .block(ScriptedAgent.WAIT))
          .isNotNull();
      // Asked of the agent's events, not of dispatch_agent's row: the test client's next
      // heartbeat opens a new connection half a second later, which marks the row connected again.
      eventually(
          () ->
              assertThat(eventTypes(greedy.agentId))
                  .as("the server closed the greedy agent's connection")
                  .contains("AgentDisconnected"));
      assertThat(modest.inventory(new Inventory.Entry[0]).accepted()).isTrue();
    }
  }

  private static void assertRefused(ReportReceipt receipt, String reason) {
    assertThat(receipt.accepted()).isFalse();
    assertThat(receipt.reason()).contains(reason);
  }

  private ScriptedAgent holderOf(String sessionId, ScriptedAgent... agents) {
    String agentId =
        jdbc
            .queryForList(
                "select agent_id from dispatch_session where session_id = ? and assigned",
                String.class,
                sessionId)
            .stream()
            .findFirst()
            .orElse(null);
    for (ScriptedAgent agent : agents) {
      if (agent.agentId.equals(agentId)) {
        return agent;
      }
    }
    return null;
  }

  private List<String> eventTypes(String aggregateId) {
    return jdbc.queryForList(
        "select regexp_replace(payload_type, '.*[.]', '') from domain_event_entry where aggregate_identifier = ?",
        String.class,
        aggregateId);
  }

  private String tokenIdOf(String token) {
    Map<?, ?> page =
        as(ROOT)
            .get()
            .uri("/api/v1/agents/tokens")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return ((List<?>) page.get("items"))
        .stream()
            .map(Map.class::cast)
            .filter(item -> token.startsWith((String) item.get("prefix")))
            .map(item -> (String) item.get("id"))
            .findFirst()
            .orElseThrow();
  }
}
