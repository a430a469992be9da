package io.streamspace.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.AgentConnected;
import io.streamspace.events.agent.AgentConnectionRefused;
import io.streamspace.events.agent.AgentDisconnected;
import io.streamspace.events.agent.AgentTokenIssued;
import io.streamspace.events.agent.AgentTokenRevoked;
import io.streamspace.events.agent.BackendKind;
import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.query.support.EventLog;
import io.streamspace.query.support.Projector;
import io.streamspace.query.support.ReadModelDatabase;
import io.streamspace.query.support.Samples;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditProjectionTest {

  private final EventLog log = new EventLog();
  private Projector projector;

  @BeforeEach
  void emptyTables() {
    ReadModelDatabase.clear();
    projector = new Projector(new AuditProjection(ReadModelDatabase.dataSource()));
  }

  @Test
  void everyEventIsRecordedWithWhoCausedItAndWhere() {
    log.actor("alice", "acme");
    projector.apply(
        log.next(
            "Session",
            "s1",
            new SessionCreated("s1", "acme", "alice", "t1", Samples.xterm(), null)));

    Map<String, Object> row = ReadModelDatabase.jdbc().queryForMap("select * from audit_log");
    assertThat(row)
        .containsEntry("global_index", 1L)
        .containsEntry("event_id", "event-1")
        .containsEntry("event_type", "SessionCreated")
        .containsEntry("aggregate_type", "Session")
        .containsEntry("resource_id", "s1")
        .containsEntry("aggregate_sequence", 0L)
        .containsEntry("organization_id", "acme")
        .containsEntry("actor_id", "alice")
        .containsEntry("request_id", "req-1")
        .containsEntry("client_ip", "203.0.113.7")
        .containsEntry("user_agent", "curl/8");
  }

  @Test
  void thePayloadIsStoredAsSnakeCaseJson() {
    log.actor("alice", "acme");
    projector.apply(log.next("Session", "s1", new SessionStopped("s1", "acme", "done")));

    String payload =
        ReadModelDatabase.jdbc()
            .queryForObject("select payload::text from audit_log", String.class);
    assertThat(payload)
        .contains("\"session_id\": \"s1\"")
        .contains("\"organization_id\": \"acme\"")
        .contains("\"reason\": \"done\"");
  }

  @Test
  void theOrganizationComesFromTheEventNotFromTheActor() {
    log.actor("root", "platform");
    projector.apply(
        log.next(
            "Organization",
            "acme",
            new OrganizationCreated("acme", "acme", "ACME", new Quota(1, 1, 1))));

    assertThat(
            ReadModelDatabase.jdbc()
                .queryForMap("select organization_id, actor_organization_id from audit_log"))
        .containsEntry("organization_id", "acme")
        .containsEntry("actor_organization_id", "platform");
  }

  @Test
  void agentAndAgentTokenEventsBelongToNoOrganization() {
    log.actor("root", "acme");
    projector.apply(
        log.next("AgentToken", "t1", new AgentTokenIssued("t1", "edge", "ssa_abcdefgh")),
        log.next("AgentToken", "t1", new AgentTokenRevoked("t1", "edge")),
        log.next(
            "Agent",
            "a1",
            new AgentConnected(
                "a1", "t1", BackendKind.LOCAL, new AgentCapacity(1, 0, 0), "1", "c1")),
        log.next("Agent", "a1", new AgentDisconnected("a1", "c1", "closed")));

    List<Map<String, Object>> rows =
        ReadModelDatabase.jdbc()
            .queryForList(
                "select event_type, organization_id, actor_id, actor_organization_id"
                    + " from audit_log order by global_index");
    assertThat(rows)
        .extracting(row -> row.get("event_type"))
        .containsExactly(
            "AgentTokenIssued", "AgentTokenRevoked", "AgentConnected", "AgentDisconnected");
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.get("organization_id")).isNull();
              assertThat(row.get("actor_id")).isEqualTo("root");
              assertThat(row.get("actor_organization_id")).isEqualTo("acme");
            });
  }

  @Test
  void anEventWithoutAggregateNamesTheResourceFromItsPayload() {
    // how the JDBC event store hands back an event published without an aggregate
    GenericDomainEventMessage<AgentConnectionRefused> stored =
        new GenericDomainEventMessage<>(
            null,
            "event-77",
            0L,
            new AgentConnectionRefused("claimed-agent", "revoked agent token", "198.51.100.4"),
            Map.of(),
            "event-77",
            java.time.Instant.parse("2026-01-01T10:00:00Z"));
    projector.apply(
        new GenericTrackedDomainEventMessage<>(
            GapAwareTrackingToken.newInstance(77, List.of()), stored));

    assertThat(ReadModelDatabase.jdbc().queryForMap("select * from audit_log"))
        .containsEntry("event_type", "AgentConnectionRefused")
        .containsEntry("aggregate_type", null)
        .containsEntry("resource_id", "claimed-agent")
        .containsEntry("aggregate_sequence", null)
        .containsEntry("organization_id", null);
  }

  /** An event type of some later feature, with nothing in it. */
  record Heartbeat() {}

  @Test
  void anEventOfAnyTypeIsRecordedEvenWithoutFields() {
    log.actor("agent", "acme");
    projector.apply(log.next("Agent", "agent-1", new Heartbeat()));

    assertThat(
            ReadModelDatabase.jdbc()
                .queryForMap(
                    "select event_type, organization_id, payload::text as payload from audit_log"))
        .containsEntry("event_type", "Heartbeat")
        .containsEntry("organization_id", "acme")
        .containsEntry("payload", "{}");
  }

  @Test
  void anEventDeliveredAgainIsRecordedOnce() {
    log.actor("alice", "acme");
    TrackedEventMessage<?> event = log.next("Session", "s1", new SessionStopped("s1", "acme", "x"));

    projector.apply(event, event);

    assertThat(
            ReadModelDatabase.jdbc().queryForObject("select count(*) from audit_log", Long.class))
        .isEqualTo(1L);
  }

  @Test
  void aBatchIsRecordedWholeAndOnceWhenDeliveredAgain() {
    log.actor("alice", "acme");
    TrackedEventMessage<?>[] batch = {
      log.next(
          "Session", "s1", new SessionCreated("s1", "acme", "alice", "t1", Samples.xterm(), null)),
      log.next("Session", "s1", new SessionStopped("s1", "acme", "done")),
      log.next(
          "Session", "s2", new SessionCreated("s2", "acme", "alice", "t1", Samples.xterm(), null))
    };

    projector.applyAsOneBatch(batch);
    projector.applyAsOneBatch(batch);

    assertThat(
            ReadModelDatabase.jdbc()
                .queryForList(
                    "select global_index || ' ' || event_type || ' ' || resource_id"
                        + " from audit_log order by global_index",
                    String.class))
        .containsExactly("1 SessionCreated s1", "2 SessionStopped s1", "3 SessionCreated s2");
  }

  @Test
  void duringAReplayThePositionIsTheEventsOwnNotTheResetPoint() {
    log.actor("alice", "acme");
    GenericTrackedDomainEventMessage<?> event =
        (GenericTrackedDomainEventMessage<?>)
            log.next("Session", "s1", new SessionStopped("s1", "acme", "x"));
    TrackedEventMessage<?> replayed =
        event.withTrackingToken(
            ReplayToken.createReplayToken(
                GapAwareTrackingToken.newInstance(40, List.of()),
                GapAwareTrackingToken.newInstance(1, List.of())));

    projector.apply(replayed);

    assertThat(
            ReadModelDatabase.jdbc()
                .queryForObject("select global_index from audit_log", Long.class))
        .isEqualTo(1L);
  }

  @Test
  void aResetEmptiesTheLogForTheReplay() {
    log.actor("alice", "acme");
    projector.apply(log.next("Session", "s1", new SessionStopped("s1", "acme", "x")));

    projector.reset();

    assertThat(
            ReadModelDatabase.jdbc().queryForObject("select count(*) from audit_log", Long.class))
        .isZero();
  }
}
