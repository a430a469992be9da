package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.agent.HibernateSessionOrder;
import io.streamspace.events.agent.ReportedStatus;
import io.streamspace.events.agent.StartSessionOrder;
import io.streamspace.events.agent.StopSessionOrder;
import io.streamspace.events.common.Requester;
import io.streamspace.events.session.ConnectViewer;
import io.streamspace.events.session.DisconnectViewer;
import io.streamspace.events.session.SessionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** A session nobody watches is hibernated after its template's limit, then stopped. */
class IdleTimeoutTest extends AgentIntegrationTest {

  @Test
  void anUnwatchedSessionIsHibernatedThenStoppedEachWithItsReason() {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    String templateId =
        (String)
            as(tenant.admin())
                .post()
                .uri("/api/v1/templates")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    Map.of(
                        "name", "dozy-xterm",
                        "command", List.of("xterm"),
                        "idle", Map.of("hibernate_after_seconds", 5, "stop_after_seconds", 5)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    assertThat(
            as(tenant.admin())
                .get()
                .uri("/api/v1/templates/{id}", templateId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("idle"))
        .isEqualTo(Map.of("hibernate_after_seconds", 5, "stop_after_seconds", 5));

    try (ScriptedAgent agent =
        ScriptedAgent.connect(
            port, ScriptedAgent.setup("idle-" + newId(), issueAgentToken("i"), 2))) {
      agent.inventory();
      String sessionId = createSession(templateId, alice);
      StartSessionOrder start = agent.nextOrder(StartSessionOrder.class);
      agent.running(sessionId, start.commandId());
      awaitStatus(alice, sessionId, SessionStatus.RUNNING);

      HibernateSessionOrder hibernate = agent.nextOrder(HibernateSessionOrder.class);
      assertThat(hibernate.sessionId()).isEqualTo(sessionId);
      // The order and the sessions read model come from different processors: the read model may
      // show the hibernation a moment after the agent has its order.
      eventually(
          () ->
              assertThat(session(alice, sessionId))
                  .containsEntry("status", "hibernated")
                  .containsEntry("status_reason", "idle: no viewer connected for 5 s"));
      agent.report(sessionId, hibernate.commandId(), ReportedStatus.HIBERNATED);

      StopSessionOrder stop = agent.nextOrder(StopSessionOrder.class);
      assertThat(stop.sessionId()).isEqualTo(sessionId);
      eventually(
          () ->
              assertThat(session(alice, sessionId))
                  .containsEntry("status", "stopped")
                  .containsEntry("status_reason", "idle: hibernated without a viewer for 5 s"));
    }
  }

  @Test
  void aWatchedSessionIsNeverIdleAndIdleTimeCountsFromTheLastViewersDeparture() throws Exception {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    String templateId = dozyTemplate(tenant, "watched-xterm");
    try (ScriptedAgent agent =
        ScriptedAgent.connect(
            port, ScriptedAgent.setup("watched-" + newId(), issueAgentToken("w"), 2))) {
      agent.inventory();
      String sessionId = createSession(templateId, alice);
      StartSessionOrder start = agent.nextOrder(StartSessionOrder.class);
      agent.running(sessionId, start.commandId());
      awaitStatus(alice, sessionId, SessionStatus.RUNNING);
      send(new ConnectViewer(sessionId, alice, "viewer-1"), alice);

      // Twice the idle limit with a viewer: nothing happens.
      assertThat(agent.orderWithin(Duration.ofSeconds(10))).isNull();
      assertThat(session(alice, sessionId)).containsEntry("status", "running");

      long departed = System.nanoTime();
      send(new DisconnectViewer(sessionId, alice, "viewer-1", "the viewer left"), alice);
      HibernateSessionOrder hibernate = agent.nextOrder(HibernateSessionOrder.class);
      assertThat(hibernate.sessionId()).isEqualTo(sessionId);
      assertThat(Duration.ofNanos(System.nanoTime() - departed))
          .isGreaterThanOrEqualTo(Duration.ofMillis(4500));
    }
  }

  private String dozyTemplate(Tenant tenant, String name) {
    return (String)
        as(tenant.admin())
            .post()
            .uri("/api/v1/templates")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                Map.of(
                    "name", name,
                    "command", List.of("xterm"),
                    "idle", Map.of("hibernate_after_seconds", 5, "stop_after_seconds", 5)))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id");
  }

  @Test
  void idleLimitsBelowFiveSecondsAreRefusedAndStoreNothing() {
    Tenant tenant = tenant();
    as(tenant.admin())
        .post()
        .uri("/api/v1/templates")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "name", "insomniac",
                "command", List.of("xterm"),
                "idle", Map.of("hibernate_after_seconds", 0)))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).contains("idle.hibernate_after_seconds"));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from template_view where name = 'insomniac'", Integer.class))
        .isZero();
  }
}
