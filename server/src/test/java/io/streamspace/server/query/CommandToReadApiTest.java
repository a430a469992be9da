package io.streamspace.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.CreateSession;
import io.streamspace.events.session.HibernateSession;
import io.streamspace.events.session.MarkSessionRunning;
import io.streamspace.events.session.MarkSessionStarting;
import io.streamspace.events.template.CreateTemplate;
import io.streamspace.events.user.RegisterUser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole read path from the outside: commands through Axon's gateway → event rows → pooled
 * processors → read tables → the REST API with real platform tokens, and the organization wall on
 * every read endpoint.
 */
class CommandToReadApiTest extends ReadSideTest {

  private String acme;
  private String globex;
  private Requester root;
  private Requester acmeAdmin;
  private Requester alice;
  private Requester globexAdmin;
  private String templateId;
  private String sessionId;

  @BeforeEach
  void anOrganizationWithACatalogAMemberAndASession() {
    acme = newId();
    globex = newId();
    root = requester("root", "platform", Role.SYSTEM_ADMIN);
    acmeAdmin = requester("carol-" + acme, acme, Role.ORG_ADMIN);
    alice = requester("alice-" + acme, acme, Role.USER);
    globexAdmin = requester("gus-" + globex, globex, Role.ORG_ADMIN);
    templateId = newId();
    sessionId = newId();

    send(new CreateOrganization(acme, "acme-" + acme, "ACME", new Quota(4, 4000, 4096)), root);
    send(
        new CreateOrganization(globex, "globex-" + globex, "Globex", new Quota(1, 500, 512)), root);
    send(
        new RegisterUser(
            alice.userId(),
            acmeAdmin,
            acme,
            "alice-" + acme,
            "{noop}x",
            "alice@acme.test",
            "Alice",
            Role.USER),
        acmeAdmin);
    send(new CreateTemplate(templateId, acmeAdmin, ReadModelPipelineTest.xterm()), acmeAdmin);
    send(new CreateSession(sessionId, alice, templateId, new Resources(1000, 1024)), alice);
    Requester agent = Requester.system(acme);
    send(new MarkSessionStarting(sessionId, agent, "agent-1"), agent);
    send(new MarkSessionRunning(sessionId, agent, "10.0.0.1:5900"), agent);
    send(new HibernateSession(sessionId, alice, "lunch"), alice);
  }

  @Test
  void aSessionMadeByCommandShowsInTheSessionsApi() {
    eventually(
        () ->
            as(alice)
                .get()
                .uri("/api/v1/sessions/{id}", sessionId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("hibernated")
                .jsonPath("$.status_reason")
                .isEqualTo("lunch")
                .jsonPath("$.user_id")
                .isEqualTo(alice.userId())
                .jsonPath("$.template_id")
                .isEqualTo(templateId)
                .jsonPath("$.resources.cpu_millis")
                .isEqualTo(1000));
    // The single read may answer from the event stream; the lists show the projected row.
    eventually(
        () ->
            assertThat(ids(as(acmeAdmin), "/api/v1/sessions?status=hibernated"))
                .containsExactly(sessionId));
    assertThat(ids(as(alice), "/api/v1/sessions")).containsExactly(sessionId);
    assertThat(ids(as(acmeAdmin), "/api/v1/sessions?status=running")).isEmpty();
  }

  @Test
  void theSessionsHistoryListsItsEventsInOrderWithTheirActor() {
    as(alice)
        .get()
        .uri("/api/v1/sessions/{id}/events", sessionId)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items.length()")
        .isEqualTo(4)
        .jsonPath("$.items[*].type")
        .isEqualTo(
            List.of("SessionCreated", "SessionStarting", "SessionRunning", "SessionHibernated"))
        .jsonPath("$.items[*].sequence")
        .isEqualTo(List.of(0, 1, 2, 3))
        .jsonPath("$.items[*].actor_id")
        .isEqualTo(List.of(alice.userId(), "system", "system", alice.userId()))
        .jsonPath("$.items[0].payload.template.name")
        .isEqualTo("xterm")
        // no agent here: its creation says why it waits
        .jsonPath("$.items[0].payload.waiting_reason")
        .isEqualTo("waiting for an agent: none is connected")
        .jsonPath("$.items[1].payload.agent_id")
        .isEqualTo("agent-1")
        .jsonPath("$.items[3].payload.reason")
        .isEqualTo("lunch")
        .jsonPath("$.items[3].request_id")
        .exists()
        .jsonPath("$.items[3].occurred_at")
        .exists();
  }

  @Test
  void theCatalogTheOrganizationAndTheMemberShowInTheirApis() {
    eventually(
        () ->
            as(alice)
                .get()
                .uri("/api/v1/organizations/{id}", acme)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.quota.max_sessions")
                .isEqualTo(4)
                .jsonPath("$.usage.sessions")
                .isEqualTo(1)
                .jsonPath("$.usage.cpu_millis")
                .isEqualTo(1000));
    eventually(
        () ->
            assertThat(ids(as(alice), "/api/v1/templates?tag=terminal"))
                .containsExactly(templateId));
    as(alice)
        .get()
        .uri("/api/v1/templates/{id}", templateId)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.display_name")
        .isEqualTo("XTerm");
    eventually(
        () ->
            as(acmeAdmin)
                .get()
                .uri("/api/v1/users/{id}", alice.userId())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.email")
                .isEqualTo("alice@acme.test")
                .jsonPath("$.role")
                .isEqualTo("user"));
    assertThat(ids(as(acmeAdmin), "/api/v1/users")).contains(alice.userId());
  }

  @Test
  void theAuditLogRecordsEveryCommandsEventsWithTheirActor() {
    eventually(
        () ->
            assertThat(
                    values(as(acmeAdmin), "/api/v1/audit?resource_id=" + sessionId, "event_type"))
                .containsExactly(
                    "SessionHibernated", "SessionRunning", "SessionStarting", "SessionCreated"));
    List<Map<String, Object>> creations =
        items(as(acmeAdmin), "/api/v1/audit?event_type=SessionCreated");
    assertThat(creations).hasSize(1);
    assertThat(creations.get(0))
        .containsEntry("actor_id", alice.userId())
        .containsEntry("organization_id", acme)
        .containsEntry("resource_id", sessionId);
    assertThat(values(as(acmeAdmin), "/api/v1/audit?actor_id=" + acmeAdmin.userId(), "event_type"))
        .contains("TemplateCreated", "MemberAdded");
  }

  @Test
  void anotherOrganizationSeesNoneOfItOnAnyReadEndpoint() {
    eventually(() -> assertThat(ids(as(acmeAdmin), "/api/v1/sessions")).contains(sessionId));
    eventually(() -> assertThat(ids(as(acmeAdmin), "/api/v1/users")).contains(alice.userId()));
    eventually(() -> assertThat(ids(as(acmeAdmin), "/api/v1/templates")).contains(templateId));
    WebTestClient gus = as(globexAdmin);

    for (String uri :
        List.of(
            "/api/v1/sessions/" + sessionId,
            "/api/v1/sessions/" + sessionId + "/events",
            "/api/v1/templates/" + templateId,
            "/api/v1/organizations/" + acme,
            "/api/v1/users/" + alice.userId())) {
      gus.get().uri(uri).exchange().expectStatus().isNotFound();
    }
    assertThat(ids(gus, "/api/v1/sessions")).doesNotContain(sessionId);
    assertThat(ids(gus, "/api/v1/templates")).doesNotContain(templateId);
    assertThat(ids(gus, "/api/v1/users")).doesNotContain(alice.userId());
    // the audit log is a read model of its own: wait until it shows globex's own events, so that an
    // empty page cannot pass for isolation or fail for lag
    eventually(
        () ->
            assertThat(values(gus, "/api/v1/audit?page_size=200", "organization_id")).isNotEmpty());
    assertThat(values(gus, "/api/v1/audit?page_size=200", "organization_id")).containsOnly(globex);
    gus.get().uri("/api/v1/organizations").exchange().expectStatus().isForbidden();
  }

  @Test
  void namingAnotherOrganizationInAFilterListsNothingJustAsAnOrganizationThatDoesNotExist() {
    eventually(
        () ->
            assertThat(ids(as(root), "/api/v1/sessions?organization_id=" + acme))
                .contains(sessionId));
    eventually(
        () ->
            assertThat(ids(as(root), "/api/v1/users?organization_id=" + acme))
                .contains(alice.userId()));
    eventually(
        () ->
            assertThat(ids(as(root), "/api/v1/templates?organization_id=" + acme))
                .contains(templateId));
    eventually(
        () ->
            assertThat(values(as(root), "/api/v1/audit?organization_id=" + acme, "event_type"))
                .isNotEmpty());
    WebTestClient gus = as(globexAdmin);
    String nowhere = newId();

    for (String list : List.of("sessions", "users", "templates", "audit")) {
      assertThat(items(gus, "/api/v1/" + list + "?organization_id=" + acme)).as(list).isEmpty();
      assertThat(items(gus, "/api/v1/" + list + "?organization_id=" + nowhere)).as(list).isEmpty();
    }
    assertThat(items(as(alice), "/api/v1/sessions?organization_id=" + globex)).isEmpty();
  }

  @Test
  void aPlainUserSeesNeitherOtherUsersSessionsNorTheAdminApis() {
    Requester bob = requester("bob-" + acme, acme, Role.USER);
    eventually(() -> assertThat(ids(as(acmeAdmin), "/api/v1/sessions")).contains(sessionId));

    as(bob).get().uri("/api/v1/sessions/{id}", sessionId).exchange().expectStatus().isNotFound();
    as(bob)
        .get()
        .uri("/api/v1/sessions/{id}/events", sessionId)
        .exchange()
        .expectStatus()
        .isNotFound();
    assertThat(ids(as(bob), "/api/v1/sessions")).isEmpty();
    as(bob).get().uri("/api/v1/audit").exchange().expectStatus().isForbidden();
    as(bob).get().uri("/api/v1/users").exchange().expectStatus().isForbidden();
    as(bob).get().uri("/api/v1/admin/projections").exchange().expectStatus().isForbidden();
  }

  @Test
  void badReadParametersAreProblemsNotServerErrors() {
    for (String uri :
        List.of(
            "/api/v1/sessions?status=asleep",
            "/api/v1/sessions?page_size=0",
            "/api/v1/templates?page_size=1000",
            "/api/v1/users?page_token=garbage",
            "/api/v1/audit?from=last-tuesday",
            "/api/v1/audit?to=2026-01-01")) {
      as(acmeAdmin)
          .get()
          .uri(uri)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectHeader()
          .contentTypeCompatibleWith("application/problem+json")
          .expectBody()
          .jsonPath("$.detail")
          .isNotEmpty();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(WebTestClient client, String uri) {
    Map<String, Object> page =
        client
            .get()
            .uri(uri)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(page).containsKey("items");
    return (List<Map<String, Object>>) page.get("items");
  }

  private static List<Object> values(WebTestClient client, String uri, String field) {
    return items(client, uri).stream().map(item -> item.get(field)).toList();
  }

  private static List<Object> ids(WebTestClient client, String uri) {
    return values(client, uri, "id");
  }
}
