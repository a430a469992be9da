package io.streamspace.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

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
