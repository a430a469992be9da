package io.streamspace.query.audit;

import static io.streamspace.query.support.Pages.expectBadRequest;
import static io.streamspace.query.support.Pages.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Role;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionHibernated;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

class AuditReadApiTest {

  private final EventLog log = new EventLog();
  private final ReadApi api =
      new ReadApi(new AuditController(new AuditQueries(ReadModelDatabase.databaseClient())));
  private final WebTestClient root = api.as("root", "platform", Role.SYSTEM_ADMIN);
  private final WebTestClient acmeAdmin = api.as("carol", "acme", Role.ORG_ADMIN);
  private final WebTestClient alice = api.as("alice", "acme", Role.USER);

  /*
   * Positions and times: 1 alice creates s1 (10:00:01), 2 alice creates s2 (:02), 3 bob creates
   * g1 in globex (:03), 4 carol hibernates s1 (:04), 5 alice stops s2 (:05).
   */
  @BeforeEach
  void history() {
    ReadModelDatabase.clear();
    Projector projector = new Projector(new AuditProjection(ReadModelDatabase.dataSource()));
    log.actor("alice", "acme");
    projector.apply(created("s1", "acme", "alice"), created("s2", "acme", "alice"));
    log.actor("bob", "globex");
    projector.apply(created("g1", "globex", "bob"));
    log.actor("carol", "acme");
    projector.apply(log.next("Session", "s1", new SessionHibernated("s1", "acme", "idle")));
    log.actor("alice", "acme");
    projector.apply(log.next("Session", "s2", new SessionStopped("s2", "acme", "done")));
  }

  @Test
  void anOrgAdminReadsTheirOrganizationsEventsNewestFirst() {
    List<Map<String, Object>> items = Pages.items(acmeAdmin, "/api/v1/audit");

    assertThat(items.stream().map(item -> item.get("position")).toList())
        .containsExactly(5, 4, 2, 1);
    assertThat(items.get(0))
        .containsEntry("event_type", "SessionStopped")
        .containsEntry("resource_type", "Session")
        .containsEntry("resource_id", "s2")
        .containsEntry("organization_id", "acme")
        .containsEntry("actor_id", "alice")
        .containsEntry("client_ip", "203.0.113.7")
        .containsEntry("user_agent", "curl/8")
        .containsEntry("occurred_at", "2026-01-01T10:00:05Z");
    assertThat(((Map<?, ?>) items.get(0).get("payload")).get("reason")).isEqualTo("done");
  }

  @Test
  void aSystemAdminReadsEveryOrganizationOrOne() {
    assertThat(values(root, "/api/v1/audit", "position")).containsExactly(5, 4, 3, 2, 1);
    assertThat(values(root, "/api/v1/audit?organization_id=globex", "position")).containsExactly(3);
  }

  @Test
  void plainUsersAreRefused() {
    alice.get().uri("/api/v1/audit").exchange().expectStatus().isForbidden();
  }

  @Test
  void anOrgAdminNamingAnotherOrganizationReadsNothingAsForAnUnknownOne() {
    assertThat(values(acmeAdmin, "/api/v1/audit?organization_id=globex", "position")).isEmpty();
    assertThat(values(acmeAdmin, "/api/v1/audit?organization_id=no-such-org", "position"))
        .isEmpty();
    assertThat(values(acmeAdmin, "/api/v1/audit?organization_id=acme", "position"))
        .containsExactly(5, 4, 2, 1);
  }

  @Test
  void filtersByActorTypeResourceAndTime() {
    assertThat(values(acmeAdmin, "/api/v1/audit?actor_id=carol", "position")).containsExactly(4);
    assertThat(values(acmeAdmin, "/api/v1/audit?event_type=SessionCreated", "position"))
        .containsExactly(2, 1);
    assertThat(values(acmeAdmin, "/api/v1/audit?resource_id=s1", "position")).containsExactly(4, 1);
    assertThat(
            values(
                acmeAdmin,
                "/api/v1/audit?from=2026-01-01T10:00:02Z&to=2026-01-01T10:00:05Z",
                "position"))
        .containsExactly(4, 2);
    assertThat(
            values(
                acmeAdmin,
                "/api/v1/audit?from=2026-01-01T11:00:02+01:00&actor_id=alice",
                "position"))
        .containsExactly(5, 2);
  }

  @Test
  void pagesWalkTheLogNewestFirstWithoutRepeats() {
    List<Object> seen = new ArrayList<>();
    String token = null;
    do {
      Map<?, ?> page =
          Pages.page(
              root, "/api/v1/audit?page_size=2" + (token == null ? "" : "&page_token=" + token));
      ((List<?>) page.get("items")).forEach(item -> seen.add(((Map<?, ?>) item).get("position")));
      token = (String) page.get("next_page_token");
    } while (token != null);

    assertThat(seen).containsExactly(5, 4, 3, 2, 1);
  }

  @Test
  void badFiltersAreRefusedWithAReason() {
    expectBadRequest(acmeAdmin, "/api/v1/audit?from=yesterday", "from must be an RFC 3339");
    expectBadRequest(acmeAdmin, "/api/v1/audit?to=2026-13-01T00:00:00Z", "to must be an RFC 3339");
    expectBadRequest(
        acmeAdmin,
        "/api/v1/audit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
        "from must not be after to");
    expectBadRequest(acmeAdmin, "/api/v1/audit?event_type=drop table", "event_type");
    expectBadRequest(acmeAdmin, "/api/v1/audit?page_size=-1", "page_size");
    String sessionsToken =
        new io.streamspace.query.paging.PageToken("sessions", List.of("2026-01-01T10:00:00Z", "s1"))
            .encode();
    expectBadRequest(acmeAdmin, "/api/v1/audit?page_token=" + sessionsToken, "page_token");
  }

  private org.axonframework.eventhandling.TrackedEventMessage<?> created(
      String id, String organization, String user) {
    return log.next(
        "Session", id, new SessionCreated(id, organization, user, "t1", Samples.xterm(), null));
  }
}
