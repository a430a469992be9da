package io.streamspace.query.organization;

import static io.streamspace.query.support.Pages.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.query.session.SessionProjection;
import io.streamspace.query.support.EventLog;
import io.streamspace.query.support.Projector;
import io.streamspace.query.support.ReadApi;
import io.streamspace.query.support.ReadModelDatabase;
import io.streamspace.query.support.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

class OrganizationReadApiTest {

  private final EventLog log = new EventLog().actor("root", "platform");
  private final ReadApi api =
      new ReadApi(
          new OrganizationController(new OrganizationQueries(ReadModelDatabase.databaseClient())));
  private final WebTestClient root = api.as("root", "platform", Role.SYSTEM_ADMIN);
  private final WebTestClient acmeAdmin = api.as("carol", "acme", Role.ORG_ADMIN);
  private final WebTestClient alice = api.as("alice", "acme", Role.USER);

  @BeforeEach
  void organizations() {
    ReadModelDatabase.clear();
    new Projector(new OrganizationProjection(ReadModelDatabase.dataSource()))
        .apply(
            log.next(
                "Organization",
                "acme",
                new OrganizationCreated("acme", "acme", "ACME", new Quota(5, 4000, 8192))),
            log.next(
                "Organization",
                "globex",
                new OrganizationCreated("globex", "globex", "Globex", new Quota(2, 1000, 1024))));
    new Projector(new SessionProjection(ReadModelDatabase.dataSource()))
        .apply(
            log.next(
                "Session",
                "s1",
                new SessionCreated(
                    "s1", "acme", "alice", "t-1", Samples.xterm(), new Resources(500, 256))));
  }

  @Test
  void aSystemAdminListsEveryOrganization() {
    assertThat(values(root, "/api/v1/organizations", "id")).containsExactly("acme", "globex");
  }

  @Test
  void nobodyElseListsOrganizations() {
    acmeAdmin.get().uri("/api/v1/organizations").exchange().expectStatus().isForbidden();
    alice.get().uri("/api/v1/organizations").exchange().expectStatus().isForbidden();
  }

  @Test
  void membersReadTheirOwnOrganizationWithQuotaAndUsage() {
    alice
        .get()
        .uri("/api/v1/organizations/acme")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.display_name")
        .isEqualTo("ACME")
        .jsonPath("$.quota.max_sessions")
        .isEqualTo(5)
        .jsonPath("$.quota.max_cpu_millis")
        .isEqualTo(4000)
        .jsonPath("$.usage.sessions")
        .isEqualTo(1)
        .jsonPath("$.usage.cpu_millis")
        .isEqualTo(500)
        .jsonPath("$.usage.memory_mb")
        .isEqualTo(256);
  }

  @Test
  void anotherOrganizationIsNotFoundExceptForSystemAdmins() {
    acmeAdmin.get().uri("/api/v1/organizations/globex").exchange().expectStatus().isNotFound();
    alice.get().uri("/api/v1/organizations/globex").exchange().expectStatus().isNotFound();
    root.get().uri("/api/v1/organizations/globex").exchange().expectStatus().isOk();
    root.get().uri("/api/v1/organizations/nope").exchange().expectStatus().isNotFound();
  }
}
