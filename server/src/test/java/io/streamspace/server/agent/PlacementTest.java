package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.AgentSetup;
import io.streamspace.events.agent.BackendKind;
import io.streamspace.events.agent.StartSessionOrder;
import io.streamspace.events.common.Requester;
import io.streamspace.events.session.SessionStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where sessions go: a capable agent with room, least loaded first; else pending with a reason. */
class PlacementTest extends AgentIntegrationTest {

  @Test
  void sessionsSpreadOverTwoAgentsLeastLoadedFirstAndWaitWhenBothAreFull() {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    String token = issueAgentToken("t");
    try (ScriptedAgent one =
            ScriptedAgent.connect(port, ScriptedAgent.setup("p1-" + newId(), token, 1));
        ScriptedAgent two =
            ScriptedAgent.connect(port, ScriptedAgent.setup("p2-" + newId(), token, 1))) {
      one.inventory();
      two.inventory();

      String first = createSession(tenant, alice);
      String second = createSession(tenant, alice);
      StartSessionOrder a = firstOrderOf(one, two);
      StartSessionOrder b = firstOrderOf(two, one);
      assertThat(a.sessionId()).isNotEqualTo(b.sessionId());
      assertThat(java.util.List.of(a.sessionId(), b.sessionId()))
          .containsExactlyInAnyOrder(first, second);

      String third = createSession(tenant, alice);
      eventually(
          () ->
              assertThat(session(alice, third).get("status_reason"))
                  .isEqualTo("waiting for an agent: every agent that can run it is at capacity"));

      // a slot frees: the waiting session goes there
      as(alice).delete().uri("/api/v1/sessions/{id}", first).exchange().expectStatus().isAccepted();
      ScriptedAgent freed = a.sessionId().equals(first) ? one : two;
      eventually(
          () -> {
            Object order = freed.orderWithin(Duration.ofMillis(200));
            assertThat(order).isInstanceOf(StartSessionOrder.class);
            assertThat(((StartSessionOrder) order).sessionId()).isEqualTo(third);
          });
    }
  }

  @Test
  void aSessionNoAgentCanRunWaitsWithItsReasonThenFailsAfterThePendingTimeout()
      throws InterruptedException {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    try (ScriptedAgent containers =
        ScriptedAgent.connect(
            port,
            new AgentSetup(
                "k-" + newId(),
                BackendKind.KUBERNETES,
                new AgentCapacity(5, 0, 0),
                AgentProtocol.VERSION,
                issueAgentToken("k")))) {
      containers.inventory();
      String sessionId = createSession(tenant, alice);
      eventually(
          () ->
              assertThat((String) session(alice, sessionId).get("status_reason"))
                  .contains("no connected agent's backend can run this template"));
      assertThat(containers.orderWithin(Duration.ofMillis(500))).isNull();

      awaitStatus(alice, sessionId, SessionStatus.FAILED);
      assertThat((String) session(alice, sessionId).get("status_reason"))
          .startsWith("no agent started it within 10 s");
    }
  }

  @Test
  void aSessionCreatedWithNoAgentStartsWhenOneConnects() {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    String sessionId = createSession(tenant, alice);
    eventually(
        () ->
            assertThat(session(alice, sessionId).get("status_reason"))
                .isEqualTo("waiting for an agent: none is connected"));
    try (ScriptedAgent late =
        ScriptedAgent.connect(
            port, ScriptedAgent.setup("late-" + newId(), issueAgentToken("l"), 2))) {
      late.inventory();
      StartSessionOrder start = late.nextOrder(StartSessionOrder.class);
      assertThat(start.sessionId()).isEqualTo(sessionId);
      late.running(sessionId, start.commandId());
      awaitStatus(alice, sessionId, SessionStatus.RUNNING);
      Map<?, ?> running = session(alice, sessionId);
      assertThat(running.get("status_reason")).isNull();
    }
  }

  @Test
  void aWaitingSessionSaysNoneIsConnectedOnceTheAgentItWaitedForLeaves() {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    String waiting;
    try (ScriptedAgent full =
        ScriptedAgent.connect(
            port, ScriptedAgent.setup("full-" + newId(), issueAgentToken("f"), 1))) {
      full.inventory();
      String placed = createSession(tenant, alice);
      assertThat(full.nextOrder(StartSessionOrder.class).sessionId()).isEqualTo(placed);
      waiting = createSession(tenant, alice);
      eventually(
          () ->
              assertThat(session(alice, waiting).get("status_reason"))
                  .isEqualTo("waiting for an agent: every agent that can run it is at capacity"));
    }
    // Well before the placed session's pending timeout (10 s) ends it, which would read the
    // waiting list too: the agent's leaving alone must update the reason.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .pollInterval(java.time.Duration.ofMillis(50))
        .untilAsserted(
            () ->
                assertThat(session(alice, waiting).get("status_reason"))
                    .isEqualTo("waiting for an agent: none is connected"));
  }

  private static StartSessionOrder firstOrderOf(ScriptedAgent agent, ScriptedAgent other) {
    return agent.nextOrder(StartSessionOrder.class);
  }
}
