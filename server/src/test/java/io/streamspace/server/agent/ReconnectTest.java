package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.agent.Inventory;
import io.streamspace.events.agent.ReportedStatus;
import io.streamspace.events.agent.StartSessionOrder;
import io.streamspace.events.agent.StopSessionOrder;
import io.streamspace.events.common.Requester;
import io.streamspace.events.session.SessionStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Orders survive lost connections; silence disconnects; a returning agent is reconciled. */
class ReconnectTest extends AgentIntegrationTest {

  @Test
  void anUnfinishedStartOrderIsGivenAgainOnTheNextConnectionWithTheSameCommandId() {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    String token = issueAgentToken("t");
    String agentId = "r-" + newId();
    String sessionId;
    StartSessionOrder first;
    try (ScriptedAgent agent =
        ScriptedAgent.connect(port, ScriptedAgent.setup(agentId, token, 2))) {
      agent.inventory();
      sessionId = createSession(tenant, alice);
      first = agent.nextOrder(StartSessionOrder.class);
      agent.report(sessionId, first.commandId(), ReportedStatus.STARTING);
      awaitStatus(alice, sessionId, SessionStatus.STARTING);
    }
    try (ScriptedAgent again =
        ScriptedAgent.connect(port, ScriptedAgent.setup(agentId, token, 2))) {
      again.inventory();
      StartSessionOrder resent = again.nextOrder(StartSessionOrder.class);
      assertThat(resent.commandId()).isEqualTo(first.commandId());
      assertThat(again.running(sessionId, resent.commandId()).accepted()).isTrue();
      awaitStatus(alice, sessionId, SessionStatus.RUNNING);
    }
  }

  @Test
  void
      anAgentThatStopsHeartbeatingIsDisconnectedAndItsRunningSessionIsLostWhenItComesBackWithout() {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    String token = issueAgentToken("t");
    String agentId = "h-" + newId();
    try (ScriptedAgent silent =
        ScriptedAgent.connectSilent(port, ScriptedAgent.setup(agentId, token, 2))) {
      silent.inventory();
      String sessionId = createSession(tenant, alice);
      StartSessionOrder start = silent.nextOrder(StartSessionOrder.class);
      silent.running(sessionId, start.commandId());
      awaitStatus(alice, sessionId, SessionStatus.RUNNING);

      // no heartbeats: after 3 missed intervals the server lets go of it
      eventually(() -> assertThat(agentState(agentId)).containsEntry("state", "disconnected"));
      assertThat((String) agentState(agentId).get("disconnect_reason"))
          .isEqualTo("missed 3 heartbeats");
      eventually(
          () ->
              assertThat(session(alice, sessionId).get("agent_connected"))
                  .as("its session is flagged")
                  .isEqualTo(false));

      try (ScriptedAgent back =
          ScriptedAgent.connect(port, ScriptedAgent.setup(agentId, token, 2))) {
        back.inventory(); // it runs nothing any more
        awaitStatus(alice, sessionId, SessionStatus.FAILED);
        assertThat((String) session(alice, sessionId).get("status_reason")).startsWith("lost:");
      }
    }
  }

  @Test
  void aSessionTheAgentRunsButThePlatformDoesNotPlaceThereIsStopped() throws Exception {
    try (ScriptedAgent agent =
        ScriptedAgent.connect(port, ScriptedAgent.setup("o-" + newId(), issueAgentToken("o"), 2))) {
      String orphan = newId();
      agent.inventory(new Inventory.Entry(orphan, ReportedStatus.RUNNING, "127.0.0.1", 5999));
      StopSessionOrder stop = agent.nextOrder(StopSessionOrder.class);
      assertThat(stop.sessionId()).isEqualTo(orphan);
    }
  }

  @Test
  void heartbeatsKeepAnAgentConnectedAndShowInTheAgentsList() throws Exception {
    String agentId = "beat-" + newId();
    try (ScriptedAgent agent =
        ScriptedAgent.connect(port, ScriptedAgent.setup(agentId, issueAgentToken("b"), 3))) {
      agent.inventory();
      long until = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < until) {
        agent.heartbeat();
        Thread.sleep(500);
      }
      Map<String, Object> listed = agentState(agentId);
      assertThat(listed).containsEntry("state", "connected");
      assertThat(listed.get("last_heartbeat_at")).isNotNull();
      assertThat(((Map<?, ?>) listed.get("capacity")).get("sessions")).isEqualTo(3);
      assertThat(((Map<?, ?>) listed.get("load")).get("memory_mb_used")).isEqualTo(100);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> agentState(String agentId) {
    Map<?, ?> page =
        as(ROOT)
            .get()
            .uri("/api/v1/agents")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return ((List<Map<String, Object>>) page.get("items"))
        .stream().filter(a -> agentId.equals(a.get("id"))).findFirst().orElse(Map.of());
  }
}
