package io.streamspace.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.AgentConnected;
import io.streamspace.events.agent.AgentConnectionRefused;
import io.streamspace.events.agent.AgentDisconnected;
import io.streamspace.events.agent.AgentTokenIssued;
import io.streamspace.events.agent.AgentTokenRevoked;
import io.streamspace.events.agent.BackendKind;
import io.streamspace.events.apikey.ApiKeyUsed;
import io.streamspace.events.identity.LoginFailed;
import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.query.support.EventLog;
import io.streamspace.query.support.Samples;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class AuditSubjectTest {

  private final EventLog log = new EventLog();

  @Test
  void anAggregatesEventIsFiledUnderItsTypeItsOrganizationAndWhoCausedIt() {
    log.actor("alice", "acme");

    AuditSubject subject =
        AuditSubject.of(
            log.next(
                "Session",
                "s1",
                new SessionCreated("s1", "acme", "alice", "t1", Samples.xterm(), null)));

    assertThat(subject).isEqualTo(new AuditSubject("SessionCreated", "acme", "alice", null));
  }

  @Test
  void theOrganizationComesFromTheEventNotFromTheActor() {
    log.actor("root", "platform");

    AuditSubject subject =
        AuditSubject.of(
            log.next(
                "Organization",
                "acme",
                new OrganizationCreated("acme", "acme", "ACME", new Quota(1, 1, 1))));

    assertThat(subject.organizationId()).isEqualTo("acme");
    assertThat(subject.actorId()).isEqualTo("root");
  }

  @Test
  void agentAndAgentTokenEventsBelongToNoOrganization() {
    log.actor("root", "acme");

    assertThat(
            new Object[] {
              new AgentTokenIssued("t1", "edge", "ssa_abcdefgh"),
              new AgentTokenRevoked("t1", "edge"),
              new AgentConnected(
                  "a1", "t1", BackendKind.LOCAL, new AgentCapacity(1, 0, 0), "1", "c1"),
              new AgentDisconnected("a1", "c1", "closed")
            })
        .allSatisfy(
            payload -> {
              AuditSubject subject = AuditSubject.of(log.next("Agent", "a1", payload));
              assertThat(subject.organizationId()).isNull();
              assertThat(subject.actorId()).isEqualTo("root");
            });
  }

  @Test
  void anEventWithoutAggregateNamesTheResourceFromItsPayload() {
    // how the JDBC event store files an event published without an aggregate
    GenericDomainEventMessage<AgentConnectionRefused> refused =
        new GenericDomainEventMessage<>(
            null,
            "event-77",
            0L,
            new AgentConnectionRefused("claimed-agent", "revoked agent token", "198.51.100.4"),
            Map.of(),
            "event-77",
            java.time.Instant.parse("2026-01-01T10:00:00Z"));

    assertThat(AuditSubject.of(refused))
        .isEqualTo(new AuditSubject("AgentConnectionRefused", null, null, "claimed-agent"));
    assertThat(
            AuditSubject.of(
                    GenericEventMessage.asEventMessage(
                        new ApiKeyUsed("key-1", "acme", "alice", "ssk_abcd", "198.51.100.4")))
                .resourceId())
        .isEqualTo("key-1");
    assertThat(
            AuditSubject.of(
                    GenericEventMessage.asEventMessage(
                        new LoginFailed("bob", "user-9", "acme", "198.51.100.4", "bad password")))
                .resourceId())
        .isEqualTo("user-9");
  }

  /** An event type of some later feature, with nothing in it. */
  record Heartbeat() {}

  @Test
  void anEventOfAnyTypeIsFiledUnderTheActorsOrganization() {
    log.actor("agent", "acme");

    assertThat(AuditSubject.of(log.next("Agent", "agent-1", new Heartbeat())))
        .isEqualTo(new AuditSubject("Heartbeat", "acme", "agent", null));
  }
}
