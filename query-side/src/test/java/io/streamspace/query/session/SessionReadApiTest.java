package io.streamspace.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionHibernated;
import io.streamspace.events.session.SessionRunning;
import io.streamspace.events.session.SessionStarting;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.query.support.EventLog;
import io.streamspace.query.support.Pages;
import io.streamspace.query.support.Projector;
import io.streamspace.query.support.ReadApi;
import io.streamspace.query.support.ReadModelDatabase;
import io.streamspace.query.support.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

class SessionReadApiTest {

  private final EventLog log = new EventLog();
  private final EmbeddedEventStore eventStore =
      EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
  private final ReadApi api =
      new ReadApi(
          new SessionController(
              new SessionQueries(ReadModelDatabase.databaseClient()),
              new SessionHistory(eventStore)));
  private Projector projector;

  private final WebTestClient alice = api.as("alice", "acme", Role.USER);
  private final WebTestClient bob = api.as("bob", "acme", Role.USER);
  private final WebTestClient acmeAdmin = api.as("carol", "acme", Role.ORG_ADMIN);
  private final WebTestClient globexAdmin = api.as("gus", "globex", Role.ORG_ADMIN);
  private final WebTestClient root = api.as("root", "platform", Role.SYSTEM_ADMIN);

  @BeforeEach
  void sessions() {
    ReadModelDatabase.clear();
    projector = new Projector(new SessionProjection(ReadModelDatabase.dataSource()));
    create("a1", "acme", "alice");
    create("a2", "acme", "alice");
    create("b1", "acme", "bob");
    create("g1", "globex", "gina");
    record(log.next("Session", "a2", new SessionStarting("a2", "acme", "agent-1")));
    record(log.next("Session", "a2", new SessionRunning("a2", "acme", "10.0.0.1:5900")));
  }

  @AfterEach
  void stopEventStore() {
    eventStore.shutDown();
  }

  @Test
  void aPlainUserListsOnlyTheirOwnSessionsNewestFirst() {
    assertThat(ids(alice, "/api/v1/sessions")).containsExactly("a2", "a1");
  }

  @Test
  void aPlainUserAskingForAnotherUsersSessionsGetsNothing() {
    assertThat(ids(alice, "/api/v1/sessions?user_id=bob")).isEmpty();
  }

  @Test
  void anOrgAdminListsTheOrganizationsSessionsAndFiltersThem() {
    assertThat(ids(acmeAdmin, "/api/v1/sessions")).containsExactly("b1", "a2", "a1");
    assertThat(ids(acmeAdmin, "/api/v1/sessions?user_id=bob")).containsExactly("b1");
    assertThat(ids(acmeAdmin, "/api/v1/sessions?status=running")).containsExactly("a2");
    assertThat(ids(acmeAdmin, "/api/v1/sessions?status=pending&user_id=alice"))
        .containsExactly("a1");
  }

  @Test
  void anotherOrganizationsSessionsNeverShowInAList() {
    assertThat(ids(globexAdmin, "/api/v1/sessions")).containsExactly("g1");
  }

  @Test
  void anOrgAdminNamingAnotherOrganizationGetsAnEmptyListAsForAnUnknownOne() {
    assertThat(ids(globexAdmin, "/api/v1/sessions?organization_id=acme")).isEmpty();
    assertThat(ids(globexAdmin, "/api/v1/sessions?organization_id=no-such-org")).isEmpty();
    assertThat(ids(alice, "/api/v1/sessions?organization_id=globex")).isEmpty();
    assertThat(ids(globexAdmin, "/api/v1/sessions?organization_id=globex")).containsExactly("g1");
  }

  @Test
  void badInputIsRefusedEvenWhenTheFilterWouldListNothing() {
    globexAdmin
        .get()
        .uri("/api/v1/sessions?organization_id=acme&status=sleeping")
        .exchange()
        .expectStatus()
        .isBadRequest();
  }

  @Test
  void aSystemAdminListsAnyOrganization() {
    assertThat(ids(root, "/api/v1/sessions?organization_id=globex")).containsExactly("g1");
  }

  @Test
  void oneSessionShowsItsStateInSnakeCase() {
    alice
        .get()
        .uri("/api/v1/sessions/a2")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo("a2")
        .jsonPath("$.status")
        .isEqualTo("running")
        .jsonPath("$.organization_id")
        .isEqualTo("acme")
        .jsonPath("$.template_name")
        .isEqualTo("xterm")
        .jsonPath("$.agent_id")
        .isEqualTo("agent-1")
        .jsonPath("$.resources.cpu_millis")
        .isEqualTo(500)
        .jsonPath("$.vnc_endpoint")
        .doesNotExist();
  }

  @Test
  void aSessionTheProjectionHasNotReachedYetAnswersFromItsEventsAsItWillOnceProjected() {
    log.actor("alice", "acme");
    TrackedEventMessage<?> created =
        log.next(
            "Session",
            "fresh",
            new SessionCreated("fresh", "acme", "alice", "t1", Samples.xterm(), null));
    TrackedEventMessage<?> starting =
        log.next("Session", "fresh", new SessionStarting("fresh", "acme", "agent-7"));
    TrackedEventMessage<?> running =
        log.next("Session", "fresh", new SessionRunning("fresh", "acme", "10.0.0.7:5900"));
    TrackedEventMessage<?> hibernated =
        log.next("Session", "fresh", new SessionHibernated("fresh", "acme", "lunch"));
    for (TrackedEventMessage<?> event : List.of(created, starting, running, hibernated)) {
      eventStore.publish((DomainEventMessage<?>) event);
    }

    Map<String, Object> fromEvents = Pages.object(alice, "/api/v1/sessions/fresh");
    projector.apply(created, starting, running, hibernated);
    Map<String, Object> fromTable = Pages.object(alice, "/api/v1/sessions/fresh");

    assertThat(fromEvents).isEqualTo(fromTable);
    assertThat(fromEvents.get("status")).isEqualTo("hibernated");
    assertThat(fromEvents.get("status_reason")).isEqualTo("lunch");
    assertThat(fromEvents.get("agent_id")).isEqualTo("agent-7");
    assertThat(fromEvents.get("template_name")).isEqualTo("xterm");
    assertThat(fromEvents.get("resources")).isEqualTo(Map.of("cpu_millis", 500, "memory_mb", 256));
  }

  @Test
  void aSessionOnlyInTheEventStoreKeepsTheAccessRules() {
    log.actor("alice", "acme");
    eventStore.publish(
        (DomainEventMessage<?>)
            log.next(
                "Session",
                "fresh",
                new SessionCreated(
                    "fresh", "acme", "alice", "t1", Samples.xterm(), new Resources(900, 900))));

    bob.get().uri("/api/v1/sessions/fresh").exchange().expectStatus().isNotFound();
    globexAdmin.get().uri("/api/v1/sessions/fresh").exchange().expectStatus().isNotFound();
    acmeAdmin.get().uri("/api/v1/sessions/fresh").exchange().expectStatus().isOk();
    root.get()
        .uri("/api/v1/sessions/fresh")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("pending")
        .jsonPath("$.resources.cpu_millis")
        .isEqualTo(900);
  }

  @Test
  void aNotFoundIsTheSameProblemAsOnTheWriteSide() {
    for (String uri : List.of("/api/v1/sessions/b1", "/api/v1/sessions/nope")) {
      alice
          .get()
          .uri(uri)
          .exchange()
          .expectStatus()
          .isNotFound()
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("urn:streamspace:problem:not-found")
          .jsonPath("$.title")
          .isEqualTo("Not found")
          .jsonPath("$.detail")
          .isEqualTo("session " + uri.substring(uri.lastIndexOf('/') + 1) + " not found");
    }
  }

  @Test
  void anotherUsersOrAnotherOrganizationsSessionIsNotFound() {
    alice.get().uri("/api/v1/sessions/b1").exchange().expectStatus().isNotFound();
    globexAdmin.get().uri("/api/v1/sessions/a1").exchange().expectStatus().isNotFound();
    alice.get().uri("/api/v1/sessions/nope").exchange().expectStatus().isNotFound();
    acmeAdmin.get().uri("/api/v1/sessions/b1").exchange().expectStatus().isOk();
  }

  @Test
  void badFiltersAndPagingAreRefusedWithAReason() {
    expectBadRequest("/api/v1/sessions?status=sleeping", "status must be one of");
    expectBadRequest("/api/v1/sessions?page_size=0", "page_size");
    expectBadRequest("/api/v1/sessions?page_size=201", "page_size");
    expectBadRequest("/api/v1/sessions?page_size=ten", "page_size");
    expectBadRequest("/api/v1/sessions?page_token=not-a-token", "page_token");
  }

  @Test
  void pagesWalkTheWholeListOnceWithoutRepeats() {
    for (int i = 0; i < 7; i++) {
      create("p" + i, "acme", "alice");
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String uri = "/api/v1/sessions?page_size=3" + (token == null ? "" : "&page_token=" + token);
      Map<?, ?> page =
          alice
              .get()
              .uri(uri)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(Map.class)
              .returnResult()
              .getResponseBody();
      ((List<?>) page.get("items"))
          .forEach(item -> seen.add((String) ((Map<?, ?>) item).get("id")));
      token = (String) page.get("next_page_token");
      pages++;
    } while (token != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("p6", "p5", "p4", "p3", "p2", "p1", "p0", "a2", "a1");
  }

  @Test
  void aTokenOfAnotherListIsMalformedHere() {
    String auditToken = new io.streamspace.query.paging.PageToken("audit", List.of("12")).encode();
    expectBadRequest("/api/v1/sessions?page_token=" + auditToken, "page_token");
  }

  @Test
  void theHistoryListsEveryEventInOrderWithItsActor() {
    log.actor("alice", "acme");
    record(log.next("Session", "a1", new SessionStopped("a1", "acme", "done")));

    alice
        .get()
        .uri("/api/v1/sessions/a1/events")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items.length()")
        .isEqualTo(2)
        .jsonPath("$.items[0].sequence")
        .isEqualTo(0)
        .jsonPath("$.items[0].type")
        .isEqualTo("SessionCreated")
        .jsonPath("$.items[0].payload.template.name")
        .isEqualTo("xterm")
        .jsonPath("$.items[1].sequence")
        .isEqualTo(1)
        .jsonPath("$.items[1].type")
        .isEqualTo("SessionStopped")
        .jsonPath("$.items[1].actor_id")
        .isEqualTo("alice")
        .jsonPath("$.items[1].request_id")
        .exists()
        .jsonPath("$.items[1].occurred_at")
        .exists()
        .jsonPath("$.items[1].payload.reason")
        .isEqualTo("done");
  }

  @Test
  void theHistoryOfASessionTheCallerMayNotSeeIsNotFound() {
    bob.get().uri("/api/v1/sessions/a1/events").exchange().expectStatus().isNotFound();
    globexAdmin.get().uri("/api/v1/sessions/a1/events").exchange().expectStatus().isNotFound();
    alice.get().uri("/api/v1/sessions/nope/events").exchange().expectStatus().isNotFound();
    acmeAdmin.get().uri("/api/v1/sessions/a1/events").exchange().expectStatus().isOk();
  }

  private void create(String id, String organization, String user) {
    log.actor(user, organization);
    record(
        log.next(
            "Session",
            id,
            new SessionCreated(id, organization, user, "t1", Samples.xterm(), null)));
  }

  /** Stores the event, as the command side would, and projects it, as the processor would. */
  private void record(TrackedEventMessage<?> event) {
    eventStore.publish((DomainEventMessage<?>) event);
    projector.apply(event);
  }

  private void expectBadRequest(String uri, String detail) {
    alice
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains(detail));
  }

  private static List<String> ids(WebTestClient client, String uri) {
    Map<?, ?> page =
        client
            .get()
            .uri(uri)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(page.get("items")).isInstanceOf(List.class);
    return ((List<?>) page.get("items"))
        .stream().map(item -> (String) ((Map<?, ?>) item).get("id")).toList();
  }
}
