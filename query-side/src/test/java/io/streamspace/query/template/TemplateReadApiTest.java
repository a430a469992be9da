package io.streamspace.query.template;

import static io.streamspace.query.support.Pages.expectBadRequest;
import static io.streamspace.query.support.Pages.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Role;
import io.streamspace.events.template.TemplateCreated;
import io.streamspace.events.template.TemplateDeleted;
import io.streamspace.events.template.TemplateUpdated;
import io.streamspace.query.support.EventLog;
import io.streamspace.query.support.Pages;
import io.streamspace.query.support.Projector;
import io.streamspace.query.support.ReadApi;
import io.streamspace.query.support.ReadModelDatabase;
import io.streamspace.query.support.Samples;
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

class TemplateReadApiTest {

  private final EventLog log = new EventLog().actor("admin", "acme");
  private final EmbeddedEventStore eventStore =
      EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
  private final ReadApi api =
      new ReadApi(
          new TemplateController(
              new TemplateQueries(ReadModelDatabase.databaseClient()),
              new TemplateStream(eventStore)));
  private Projector projector;
  private final WebTestClient alice = api.as("alice", "acme", Role.USER);
  private final WebTestClient gina = api.as("gina", "globex", Role.USER);
  private final WebTestClient acmeAdmin = api.as("carol", "acme", Role.ORG_ADMIN);

  @BeforeEach
  void catalog() {
    ReadModelDatabase.clear();
    projector = new Projector(new TemplateProjection(ReadModelDatabase.dataSource()));
    record(
        created("t-xterm", "acme", Samples.named("xterm", "XTerm", "tools", List.of("terminal"))),
        created(
            "t-gimp",
            "acme",
            Samples.named("gimp", "GNU Image Editor", "graphics", List.of("image", "paint"))),
        created(
            "t-inkscape",
            "acme",
            Samples.named("inkscape", "Inkscape", "graphics", List.of("vector"))),
        created("t-old", "acme", Samples.named("old", "Old app", "tools", List.of("terminal"))),
        log.next("Template", "t-old", new TemplateDeleted("t-old", "acme")),
        created("t-globex", "globex", Samples.named("firefox", "Firefox", "web", List.of())));
  }

  @AfterEach
  void stopEventStore() {
    eventStore.shutDown();
  }

  @Test
  void theCatalogListsTheOrganizationsLiveTemplatesByName() {
    assertThat(values(alice, "/api/v1/templates", "name"))
        .containsExactly("gimp", "inkscape", "xterm");
    assertThat(values(gina, "/api/v1/templates", "name")).containsExactly("firefox");
  }

  @Test
  void filtersNarrowTheCatalog() {
    assertThat(values(alice, "/api/v1/templates?category=graphics", "id"))
        .containsExactly("t-gimp", "t-inkscape");
    assertThat(values(alice, "/api/v1/templates?tag=terminal", "id")).containsExactly("t-xterm");
    assertThat(values(alice, "/api/v1/templates?q=IMAGE", "id")).containsExactly("t-gimp");
    assertThat(values(alice, "/api/v1/templates?q=ink", "id")).containsExactly("t-inkscape");
    assertThat(values(alice, "/api/v1/templates?q=%25", "id")).isEmpty();
  }

  @Test
  void oneTemplateShowsItsDefinition() {
    alice
        .get()
        .uri("/api/v1/templates/t-gimp")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.display_name")
        .isEqualTo("GNU Image Editor")
        .jsonPath("$.tags[1]")
        .isEqualTo("paint")
        .jsonPath("$.default_resources.memory_mb")
        .isEqualTo(128)
        .jsonPath("$.vnc_port")
        .isEqualTo(5900);
  }

  @Test
  void deletedUnknownAndOtherOrganizationsTemplatesAreNotFound() {
    alice.get().uri("/api/v1/templates/t-old").exchange().expectStatus().isNotFound();
    alice.get().uri("/api/v1/templates/t-globex").exchange().expectStatus().isNotFound();
    alice.get().uri("/api/v1/templates/nope").exchange().expectStatus().isNotFound();
    gina.get().uri("/api/v1/templates/t-xterm").exchange().expectStatus().isNotFound();
  }

  @Test
  void pagesFollowTheNameOrder() {
    var first = Pages.page(alice, "/api/v1/templates?page_size=2");
    assertThat(first.get("next_page_token")).isNotNull();
    assertThat(
            values(
                alice,
                "/api/v1/templates?page_size=2&page_token=" + first.get("next_page_token"),
                "name"))
        .containsExactly("xterm");
  }

  @Test
  void badPagingIsRefused() {
    expectBadRequest(alice, "/api/v1/templates?page_size=500", "page_size");
    expectBadRequest(alice, "/api/v1/templates?page_token=e30", "page_token");
  }

  @Test
  void aTemplateTheProjectionHasNotReachedYetAnswersFromItsEventsAsItWillOnceProjected() {
    TrackedEventMessage<?> made =
        created("t-new", "acme", Samples.named("new", "New app", "tools", List.of("fresh")));
    TrackedEventMessage<?> edited =
        log.next(
            "Template",
            "t-new",
            new TemplateUpdated(
                "t-new", "acme", Samples.named("new", "Renamed app", "tools", List.of("edited"))));
    eventStore.publish((DomainEventMessage<?>) made, (DomainEventMessage<?>) edited);

    Map<String, Object> fromEvents = Pages.object(alice, "/api/v1/templates/t-new");
    gina.get().uri("/api/v1/templates/t-new").exchange().expectStatus().isNotFound();
    projector.apply(made, edited);
    Map<String, Object> fromTable = Pages.object(alice, "/api/v1/templates/t-new");

    assertThat(fromEvents).isEqualTo(fromTable);
    assertThat(fromEvents.get("display_name")).isEqualTo("Renamed app");
    assertThat(fromEvents.get("created_at")).isNotEqualTo(fromEvents.get("updated_at"));
  }

  @Test
  void aTemplateDeletedInItsEventsIsNotFoundBeforeTheProjectionKnowsIt() {
    TrackedEventMessage<?> made = created("t-gone", "acme", Samples.xterm());
    TrackedEventMessage<?> deleted =
        log.next("Template", "t-gone", new TemplateDeleted("t-gone", "acme"));
    eventStore.publish((DomainEventMessage<?>) made, (DomainEventMessage<?>) deleted);

    alice.get().uri("/api/v1/templates/t-gone").exchange().expectStatus().isNotFound();
  }

  @Test
  void anOrgAdminNamingAnotherOrganizationGetsAnEmptyCatalogNotARefusal() {
    assertThat(values(acmeAdmin, "/api/v1/templates?organization_id=globex", "id")).isEmpty();
    assertThat(values(acmeAdmin, "/api/v1/templates?organization_id=no-such-org", "id")).isEmpty();
    assertThat(values(acmeAdmin, "/api/v1/templates?organization_id=acme", "id"))
        .containsExactly("t-gimp", "t-inkscape", "t-xterm");
  }

  /** Stores the events, as the command side would, and projects them, as the processor would. */
  private void record(TrackedEventMessage<?>... events) {
    for (TrackedEventMessage<?> event : events) {
      eventStore.publish((DomainEventMessage<?>) event);
    }
    projector.apply(events);
  }

  private org.axonframework.eventhandling.TrackedEventMessage<?> created(
      String id,
      String organization,
      io.streamspace.events.template.TemplateDefinition definition) {
    return log.next("Template", id, new TemplateCreated(id, organization, definition));
  }
}
