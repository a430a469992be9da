package io.streamspace.query.audit;

import static io.streamspace.query.support.Pages.expectBadRequest;
import static io.streamspace.query.support.Pages.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Role;
import io.streamspace.query.paging.PageToken;
import io.streamspace.query.support.ReadApi;
import io.streamspace.query.support.ReadModelDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Who may read the audit log and which requests it refuses, decided before the event store is read;
 * the log's contents are tested against the server's real event store ({@code AuditLogTest}).
 */
class AuditControllerTest {

  private final ReadApi api =
      new ReadApi(
          new AuditController(
              new AuditQueries(ReadModelDatabase.databaseClient(), new StoredEvents(null, null))));
  private final WebTestClient acmeAdmin = api.as("carol", "acme", Role.ORG_ADMIN);
  private final WebTestClient alice = api.as("alice", "acme", Role.USER);

  @Test
  void plainUsersAreRefused() {
    alice.get().uri("/api/v1/audit").exchange().expectStatus().isForbidden();
  }

  @Test
  void anOrgAdminNamingAnotherOrganizationReadsNothingAsForAnUnknownOne() {
    assertThat(values(acmeAdmin, "/api/v1/audit?organization_id=globex", "position")).isEmpty();
    assertThat(values(acmeAdmin, "/api/v1/audit?organization_id=no-such-org", "position"))
        .isEmpty();
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
        new PageToken("sessions", List.of("2026-01-01T10:00:00Z", "s1")).encode();
    expectBadRequest(acmeAdmin, "/api/v1/audit?page_token=" + sessionsToken, "page_token");
  }
}
