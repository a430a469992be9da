package io.streamspace.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.apikey.ApiKeyUsed;
import io.streamspace.events.common.AuditMetadata;
import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionHibernated;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.query.audit.AuditController;
import io.streamspace.query.audit.AuditEntry;
import io.streamspace.query.paging.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The audit log of real stored events: every event, its actor, filters and cursor paging. */
class AuditLogTest extends ReadSideTest {

  @Autowired AuditController audit;

  private String org;
  private Caller admin;
  private String s1;
  private String s2;
  private Requester alice;
  private Requester carol;

  @BeforeEach
  void history() {
    org = newId();
    admin = caller("carol-" + org, org, Role.ORG_ADMIN);
    alice = requester("alice-" + org, org, Role.USER);
    carol = requester(admin.userId(), org, Role.ORG_ADMIN);
    s1 = newId();
    s2 = newId();
    store("Session", s1, alice, created(s1));
    store("Session", s2, alice, created(s2));
    // No agent here: the dispatcher records why each session waits, before the people go on.
    awaitDispatched(s1);
    awaitDispatched(s2);
    store("Session", s1, carol, new SessionHibernated(s1, org, "idle"));
    store("Session", s2, alice, new SessionStopped(s2, org, "done"));
    eventually(() -> assertThat(all(null, null, null, null)).hasSize(6));
    assertThat(all(DISPATCHER, null, null, null))
        .extracting(AuditEntry::eventType)
        .containsExactly("SessionWaiting", "SessionWaiting");
  }

  @Test
  void everyEventIsLoggedNewestFirstWithItsActorAndRequest() {
    List<AuditEntry> log = byPeople(all(null, null, null, null));

    assertThat(log)
        .extracting(AuditEntry::eventType)
        .containsExactly("SessionStopped", "SessionHibernated", "SessionCreated", "SessionCreated");
    assertThat(log)
        .extracting(AuditEntry::actorId)
        .containsExactly(alice.userId(), carol.userId(), alice.userId(), alice.userId());
    assertThat(log).allSatisfy(entry -> assertThat(entry.requestId()).startsWith("test-"));
    assertThat(log).allSatisfy(entry -> assertThat(entry.clientIp()).isEqualTo("127.0.0.1"));
    assertThat(log)
        .extracting(AuditEntry::position)
        .isSortedAccordingTo((a, b) -> Long.compare(b, a));
    AuditEntry stopped = log.get(0);
    assertThat(stopped.resourceId()).isEqualTo(s2);
    assertThat(stopped.payload().get("reason").asString()).isEqualTo("done");
    Long storedIndex =
        jdbc.queryForObject(
            "select global_index from domain_event_entry where aggregate_identifier = ?"
                + " and payload_type like '%.SessionStopped'",
            Long.class, s2);
    assertThat(stopped.position()).isEqualTo(storedIndex);
    // the time as the event store keeps it, to the millisecond
    assertThat(stopped.occurredAt())
        .isEqualTo(
            Instant.parse(
                jdbc.queryForObject(
                    "select time_stamp from domain_event_entry where global_index = ?",
                    String.class,
                    storedIndex)));
  }

  @Test
  void filtersNarrowByActorTypeResourceAndTime() {
    assertThat(all(carol.userId(), null, null, null))
        .extracting(AuditEntry::eventType)
        .containsExactly("SessionHibernated");
    assertThat(all(null, "SessionCreated", null, null))
        .extracting(AuditEntry::resourceId)
        .containsExactly(s2, s1);
    assertThat(all(null, null, s1, null))
        .extracting(AuditEntry::eventType)
        .containsExactly("SessionHibernated", "SessionWaiting", "SessionCreated");
    List<AuditEntry> everything = byPeople(all(null, null, null, null));
    String from = everything.get(1).occurredAt().toString();
    assertThat(
            byPeople(
                audit.list(admin, null, from, null, null, null, null, null, null).block().items()))
        .extracting(AuditEntry::position)
        .containsExactly(everything.get(0).position(), everything.get(1).position());
    assertThat(
            byPeople(
                audit.list(admin, null, null, from, null, null, null, null, null).block().items()))
        .extracting(AuditEntry::position)
        .containsExactly(everything.get(2).position(), everything.get(3).position());
  }

  @Test
  void pagesWalkTheLogWithoutRepeatsOrGaps() {
    List<Long> seen = new ArrayList<>();
    String token = null;
    do {
      Page<AuditEntry> page =
          audit.list(admin, null, null, null, null, null, null, "3", token).block();
      page.items().forEach(entry -> seen.add(entry.position()));
      token = page.nextPageToken();
    } while (token != null);

    assertThat(seen)
        .containsExactlyElementsOf(
            all(null, null, null, null).stream().map(AuditEntry::position).toList());
  }

  @Test
  void anEventIsInTheLogAsSoonAsItsTransactionCommits() {
    store("Session", s1, carol, new SessionStopped(s1, org, "at once"));

    // no waiting: the event store is the log, written in the same transaction
    AuditEntry stopped = all(carol.userId(), "SessionStopped", s1, null).get(0);
    assertThat(stopped.payload().get("reason").asString()).isEqualTo("at once");
    assertThat(stopped.organizationId()).isEqualTo(org);
    assertThat(stopped.resourceType()).isEqualTo("Session");
  }

  @Test
  void anEventWithoutAnAggregateIsFoundByTheResourceItsPayloadNames() {
    String keyId = newId();
    DefaultUnitOfWork.startAndGet(null)
        .execute(
            () ->
                eventStore.publish(
                    GenericEventMessage.asEventMessage(
                            new ApiKeyUsed(keyId, org, alice.userId(), "ssk_abcd", "198.51.100.4"))
                        .andMetaData(
                            Map.of(
                                AuditMetadata.ACTOR_ID,
                                alice.userId(),
                                AuditMetadata.ORGANIZATION_ID,
                                org))));

    assertThat(all(null, null, keyId, null))
        .singleElement()
        .satisfies(
            used -> {
              assertThat(used.eventType()).isEqualTo("ApiKeyUsed");
              assertThat(used.resourceType()).isNull();
              assertThat(used.resourceId()).isEqualTo(keyId);
              assertThat(used.actorId()).isEqualTo(alice.userId());
            });
  }

  @Test
  void anotherOrganizationsAdminSeesNoneOfIt() {
    Caller other = caller("gus", newId(), Role.ORG_ADMIN);

    assertThat(audit.list(other, null, null, null, null, null, s1, null, null).block().items())
        .isEmpty();
  }

  private static final String DISPATCHER = "system:dispatcher";

  /** The entries of the people in this test, without the platform's own. */
  private static List<AuditEntry> byPeople(List<AuditEntry> entries) {
    return entries.stream().filter(entry -> !DISPATCHER.equals(entry.actorId())).toList();
  }

  private List<AuditEntry> all(String actor, String type, String resource, String to) {
    return audit.list(admin, null, null, to, actor, type, resource, "200", null).block().items();
  }

  private SessionCreated created(String sessionId) {
    return new SessionCreated(
        sessionId, org, alice.userId(), "t1", ReadModelPipelineTest.xterm(), null);
  }
}
