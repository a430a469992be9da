package io.streamspace.query.user;

import static io.streamspace.query.support.Pages.expectBadRequest;
import static io.streamspace.query.support.Pages.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Role;
import io.streamspace.events.organization.MemberAdded;
import io.streamspace.query.support.EventLog;
import io.streamspace.query.support.Projector;
import io.streamspace.query.support.ReadApi;
import io.streamspace.query.support.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

class UserReadApiTest {

  private final EventLog log = new EventLog().actor("root", "platform");
  private final ReadApi api =
      new ReadApi(new UserController(new UserQueries(ReadModelDatabase.databaseClient())));
  private final WebTestClient root = api.as("root", "platform", Role.SYSTEM_ADMIN);
  private final WebTestClient acmeAdmin = api.as("u-carol", "acme", Role.ORG_ADMIN);
  private final WebTestClient alice = api.as("u-alice", "acme", Role.USER);

  @BeforeEach
  void members() {
    ReadModelDatabase.clear();
    new Projector(new UserProjection(ReadModelDatabase.dataSource()))
        .apply(
            added("acme", "u-alice", "alice", Role.USER),
            added("acme", "u-bob", "bob", Role.USER),
            added("acme", "u-carol", "carol", Role.ORG_ADMIN),
            added("globex", "u-gina", "gina", Role.ORG_ADMIN));
  }

  @Test
  void anOrgAdminListsTheirOrganizationsMembersByUsername() {
    assertThat(values(acmeAdmin, "/api/v1/users", "username"))
        .containsExactly("alice", "bob", "carol");
    assertThat(values(acmeAdmin, "/api/v1/users?role=org_admin", "id")).containsExactly("u-carol");
  }

  @Test
  void aSystemAdminListsAnyOrganizationsMembers() {
    assertThat(values(root, "/api/v1/users?organization_id=globex", "username"))
        .containsExactly("gina");
  }

  @Test
  void plainUsersCannotListWithTheSameProblemAsOnTheWriteSide() {
    alice
        .get()
        .uri("/api/v1/users")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:streamspace:problem:forbidden")
        .jsonPath("$.title")
        .isEqualTo("Forbidden");
  }

  @Test
  void anOrgAdminNamingAnotherOrganizationListsNobodyAsForAnUnknownOne() {
    assertThat(values(acmeAdmin, "/api/v1/users?organization_id=globex", "id")).isEmpty();
    assertThat(values(acmeAdmin, "/api/v1/users?organization_id=no-such-org", "id")).isEmpty();
  }

  @Test
  void oneUserIsVisibleToThemselvesTheirAdminsAndSystemAdmins() {
    alice
        .get()
        .uri("/api/v1/users/u-alice")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.role")
        .isEqualTo("user")
        .jsonPath("$.organization_id")
        .isEqualTo("acme")
        .jsonPath("$.disabled")
        .isEqualTo(false);
    acmeAdmin.get().uri("/api/v1/users/u-bob").exchange().expectStatus().isOk();
    root.get().uri("/api/v1/users/u-gina").exchange().expectStatus().isOk();
  }

  @Test
  void otherUsersAndOtherOrganizationsMembersAreNotFound() {
    alice.get().uri("/api/v1/users/u-bob").exchange().expectStatus().isNotFound();
    acmeAdmin.get().uri("/api/v1/users/u-gina").exchange().expectStatus().isNotFound();
    acmeAdmin.get().uri("/api/v1/users/nope").exchange().expectStatus().isNotFound();
  }

  @Test
  void anUnknownRoleIsRefused() {
    expectBadRequest(acmeAdmin, "/api/v1/users?role=owner", "role must be one of");
  }

  private org.axonframework.eventhandling.TrackedEventMessage<?> added(
      String organization, String id, String username, Role role) {
    return log.next(
        "Organization",
        organization,
        new MemberAdded(organization, id, username, username + "@example.test", username, role));
  }
}
