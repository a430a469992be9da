package io.streamspace.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.session.MarkSessionRunning;
import io.streamspace.server.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The write endpoints through the whole server: bearer tokens, the caller's metadata on every
 * stored event, problem+json refusals that store nothing, and races that never end in a 500.
 */
class WriteApiIntegrationTest extends IntegrationTest {

  private static final String PROBLEM = "application/problem+json";

  private final Requester root = new Requester("root-" + newId(), "platform", Role.SYSTEM_ADMIN);
  private String org;
  private String orgName;
  private Requester admin;
  private Requester ada;

  @BeforeEach
  void organization() {
    orgName = "acme-" + newId();
    org = createOrganization(orgName, 2);
    admin = new Requester("admin-" + org, org, Role.ORG_ADMIN);
    ada = new Requester("ada-" + org, org, Role.USER);
  }

  private String bearer(Requester requester) {
    return "Bearer " + tokenFor(requester);
  }

  private WebTestClient.ResponseSpec post(String path, Requester as, Object body) {
    return client
        .post()
        .uri(path)
        .header("Authorization", bearer(as))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private WebTestClient.ResponseSpec put(String path, Requester as, Object body) {
    return client
        .put()
        .uri(path)
        .header("Authorization", bearer(as))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private WebTestClient.ResponseSpec delete(String path, Requester as) {
    return client.delete().uri(path).header("Authorization", bearer(as)).exchange();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(WebTestClient.ResponseSpec response) {
    return response.expectBody(Map.class).returnResult().getResponseBody();
  }

  private String createOrganization(String name, int maxSessions) {
    return body(post(
                "/api/v1/organizations",
                root,
                Map.of(
                    "name",
                    name,
                    "display_name",
                    "Acme",
                    "quota",
                    Map.of(
                        "max_sessions",
                        maxSessions,
                        "max_cpu_millis",
                        100_000,
                        "max_memory_mb",
                        100_000)))
            .expectStatus()
            .isCreated())
        .get("id")
        .toString();
  }

  private String createTemplate() {
    return body(post(
                "/api/v1/templates",
                admin,
                Map.of(
                    "name",
                    "xterm",
                    "command",
                    List.of("xterm"),
                    "default_resources",
                    Map.of("cpu_millis", 100, "memory_mb", 64)))
            .expectStatus()
            .isCreated())
        .get("id")
        .toString();
  }

  private String createSession(String template) {
    return body(post("/api/v1/sessions", ada, Map.of("template_id", template))
            .expectStatus()
            .isCreated())
        .get("id")
        .toString();
  }

  private int eventsOf(String aggregateId) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where aggregate_identifier = ?",
        Integer.class,
        aggregateId);
  }

  private static void expectProblem(
      WebTestClient.ResponseSpec response, HttpStatus status, String detailContains) {
    response
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.parseMediaType(PROBLEM))
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(status.value())
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).contains(detailContains));
  }

  @Test
  void aSessionGoesThroughItsLifecycleOverHttpAndEveryEventKeepsWhoDidIt() {
    String template = createTemplate();
    @SuppressWarnings("rawtypes")
    EntityExchangeResult<Map> created =
        post("/api/v1/sessions", ada, Map.of("template_id", template))
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult();
    @SuppressWarnings("unchecked")
    Map<String, Object> session = created.getResponseBody();
    String id = session.get("id").toString();
    assertThat(created.getResponseHeaders().getLocation()).hasToString("/api/v1/sessions/" + id);
    assertThat(session)
        .containsEntry("status", "pending")
        .containsEntry("template_id", template)
        .containsEntry("organization_id", org)
        .containsEntry("user_id", ada.userId())
        .containsEntry("resources", Map.of("cpu_millis", 100, "memory_mb", 64))
        .containsKey("created_at");
    awaitDispatched(id);

    send(new MarkSessionRunning(id, Requester.system(org), "127.0.0.1:5901"), ada);

    post("/api/v1/sessions/" + id + "/hibernate", ada, Map.of())
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("hibernated");
    post("/api/v1/sessions/" + id + "/resume", ada, Map.of())
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("running");
    delete("/api/v1/sessions/" + id, ada)
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("stopped");

    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "select payload_type, convert_from(meta_data, 'UTF8') as meta_data"
                + " from domain_event_entry where aggregate_identifier = ? order by sequence_number",
            id);
    assertThat(rows)
        .extracting(row -> row.get("payload_type").toString().replaceFirst(".*[.]", ""))
        .containsExactly(
            "SessionCreated", // no agent in this context: it says why it waits
            "SessionRunning",
            "SessionHibernated",
            "SessionResumed",
            "SessionStopped");
    assertThat(rows)
        .filteredOn(row -> !row.get("payload_type").toString().endsWith("SessionRunning"))
        .allSatisfy(
            row ->
                assertThat(row.get("meta_data").toString())
                    .contains("\"actor_id\":\"" + ada.userId() + "\"")
                    .contains("\"organization_id\":\"" + org + "\"")
                    .contains("\"request_id\""));
  }

  @Test
  void refusedSessionRequestsAnswerProblemsAndStoreNothing() {
    String template = createTemplate();
    String session = createSession(template);
    awaitDispatched(session);
    int before = eventsOf(org);
    int sessionEventsBefore = eventsOf(session);

    expectProblem(
        post("/api/v1/sessions/" + session + "/hibernate", ada, Map.of()),
        HttpStatus.CONFLICT,
        "session is pending; only a running session can be hibernated");
    expectProblem(
        post("/api/v1/sessions", ada, Map.of("template_id", "no-such-template")),
        HttpStatus.NOT_FOUND,
        "template no-such-template not found");
    expectProblem(post("/api/v1/sessions", ada, Map.of()), HttpStatus.BAD_REQUEST, "template_id");
    client
        .post()
        .uri("/api/v1/sessions")
        .header("Authorization", bearer(ada))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"template_id\": ")
        .exchange()
        .expectStatus()
        .isBadRequest();

    Requester bob = new Requester("bob-" + org, org, Role.USER);
    expectProblem(
        delete("/api/v1/sessions/" + session, bob),
        HttpStatus.NOT_FOUND,
        "session " + session + " not found");
    Requester stranger =
        new Requester("eve", createOrganization("other-" + newId(), 5), Role.ORG_ADMIN);
    expectProblem(
        delete("/api/v1/sessions/" + session, stranger), HttpStatus.NOT_FOUND, "not found");
    expectProblem(
        post("/api/v1/sessions", stranger, Map.of("template_id", template)),
        HttpStatus.NOT_FOUND,
        "template " + template + " not found");

    assertThat(eventsOf(org)).isEqualTo(before);
    assertThat(eventsOf(session)).isEqualTo(sessionEventsBefore);
  }

  @Test
  void theQuotaAndDeletedTemplatesRefuseNewSessionsWithAConflict() {
    String template = createTemplate();
    createSession(template);
    createSession(template);
    int before = eventsOf(org);

    post("/api/v1/sessions", ada, Map.of("template_id", template))
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:streamspace:problem:quota-exceeded")
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).contains("runs 2 of 2 sessions"));

    delete("/api/v1/templates/" + template, admin).expectStatus().isNoContent();
    expectProblem(
        post("/api/v1/sessions", ada, Map.of("template_id", template)),
        HttpStatus.CONFLICT,
        "template " + template + " was deleted");
    assertThat(eventsOf(org)).isEqualTo(before);
  }

  @Test
  void twentyConcurrentRequestsAgainstAQuotaOfFiveGetFiveSessions() throws Exception {
    String busy = createOrganization("busy-" + newId(), 5);
    Requester busyAdmin = new Requester("admin-" + busy, busy, Role.ORG_ADMIN);
    String template =
        body(post(
                    "/api/v1/templates",
                    busyAdmin,
                    Map.of("name", "xterm", "command", List.of("xterm")))
                .expectStatus()
                .isCreated())
            .get("id")
            .toString();
    ExecutorService pool = Executors.newFixedThreadPool(20);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        String token = bearer(new Requester("user-" + i, busy, Role.USER));
        statuses.add(
            pool.submit(
                () -> {
                  start.await();
                  return client
                      .post()
                      .uri("/api/v1/sessions")
                      .header("Authorization", token)
                      .contentType(MediaType.APPLICATION_JSON)
                      .bodyValue(Map.of("template_id", template))
                      .exchange()
                      .returnResult(String.class)
                      .getStatus()
                      .value();
                }));
      }
      start.countDown();
      List<Integer> answered = new ArrayList<>();
      for (Future<Integer> status : statuses) {
        answered.add(status.get(60, TimeUnit.SECONDS));
      }
      assertThat(answered).filteredOn(s -> s == 201).hasSize(5);
      assertThat(answered).filteredOn(s -> s == 409).hasSize(15);
    } finally {
      pool.shutdownNow();
    }
    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry"
                    + " where payload_type = 'io.streamspace.events.session.SessionCreated'"
                    + " and convert_from(payload, 'UTF8') like ?",
                Integer.class,
                "%\"organization_id\":\"" + busy + "\"%"))
        .isEqualTo(5);
  }

  @Test
  void twoStopsAtOnceGiveOneStopAndOneConflictNeverAServerError() throws Exception {
    String session = createSession(createTemplate());
    String token = bearer(ada);
    List<CompletableFuture<Integer>> stops = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      stops.add(
          CompletableFuture.supplyAsync(
              () ->
                  client
                      .delete()
                      .uri("/api/v1/sessions/" + session)
                      .header("Authorization", token)
                      .exchange()
                      .returnResult(String.class)
                      .getStatus()
                      .value()));
    }
    List<Integer> answered = new ArrayList<>();
    for (CompletableFuture<Integer> stop : stops) {
      answered.add(stop.get(30, TimeUnit.SECONDS));
    }
    assertThat(answered).containsExactlyInAnyOrder(202, 409);
  }

  @Test
  void templatesAreManagedByOrganizationAdminsOnly() {
    expectProblem(
        post("/api/v1/templates", ada, Map.of("name", "x", "command", List.of("x"))),
        HttpStatus.FORBIDDEN,
        "organization admin");
    expectProblem(
        post("/api/v1/templates", admin, Map.of("name", "nothing")),
        HttpStatus.BAD_REQUEST,
        "an image");

    String template = createTemplate();
    put(
            "/api/v1/templates/" + template,
            admin,
            Map.of("name", "xeyes", "command", List.of("xeyes")))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("xeyes");
    expectProblem(
        put("/api/v1/templates/" + template, ada, Map.of("name", "x", "command", List.of("x"))),
        HttpStatus.FORBIDDEN,
        "organization admin");
    delete("/api/v1/templates/" + template, admin).expectStatus().isNoContent();
    expectProblem(
        delete("/api/v1/templates/" + template, admin),
        HttpStatus.NOT_FOUND,
        "template " + template + " not found");
  }

  @Test
  void anOrganizationNameIsTakenOnlyOnce() {
    Map<String, Object> again =
        Map.of(
            "name",
            orgName,
            "quota",
            Map.of("max_sessions", 1, "max_cpu_millis", 1, "max_memory_mb", 1));
    int organizations =
        jdbc.queryForObject(
            "select count(*) from domain_event_entry"
                + " where payload_type = 'io.streamspace.events.organization.OrganizationCreated'",
            Integer.class);

    expectProblem(
        post("/api/v1/organizations", root, again),
        HttpStatus.CONFLICT,
        "organization name " + orgName + " is taken");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry"
                    + " where payload_type = 'io.streamspace.events.organization.OrganizationCreated'",
                Integer.class))
        .isEqualTo(organizations);
  }

  @Test
  void organizationsAreManagedBySystemAdminsOnly() {
    expectProblem(
        post(
            "/api/v1/organizations",
            admin,
            Map.of(
                "name",
                "mine",
                "quota",
                Map.of("max_sessions", 1, "max_cpu_millis", 1, "max_memory_mb", 1))),
        HttpStatus.FORBIDDEN,
        "system admin");
    put(
            "/api/v1/organizations/" + org + "/quota",
            root,
            Map.of("max_sessions", 7, "max_cpu_millis", 7000, "max_memory_mb", 7000))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.quota.max_sessions")
        .isEqualTo(7);
    expectProblem(
        put(
            "/api/v1/organizations/" + newId() + "/quota",
            root,
            Map.of("max_sessions", 7, "max_cpu_millis", 7000, "max_memory_mb", 7000)),
        HttpStatus.NOT_FOUND,
        "not found");
  }

  @Test
  void aPersonRegisteredOverHttpCanLogIn() {
    String username = "carol-" + org.substring(0, 8);
    Map<String, Object> registered =
        body(
            post(
                    "/api/v1/users",
                    admin,
                    Map.of(
                        "username",
                        username,
                        "password",
                        "correct horse battery",
                        "email",
                        "carol@example.com",
                        "display_name",
                        "Carol",
                        "role",
                        "user"))
                .expectStatus()
                .isCreated());
    assertThat(registered)
        .containsEntry("username", username)
        .containsEntry("organization_id", org)
        .containsEntry("role", "user")
        .doesNotContainKeys("password", "password_hash");

    client
        .post()
        .uri("/api/v1/auth/login")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("username", username, "password", "correct horse battery"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.access_token")
        .isNotEmpty();

    expectProblem(
        post(
            "/api/v1/users",
            admin,
            Map.of("username", username, "password", "another password", "role", "user")),
        HttpStatus.CONFLICT,
        "username " + username + " is taken");
  }

  @Test
  void userManagementFollowsTheRoleRules() {
    Map<String, Object> carol =
        Map.of("username", "dan-" + org.substring(0, 8), "password", "long enough", "role", "user");
    expectProblem(post("/api/v1/users", ada, carol), HttpStatus.FORBIDDEN, "organization admin");
    expectProblem(
        post(
            "/api/v1/users",
            admin,
            Map.of(
                "username",
                "ed-" + org.substring(0, 8),
                "password",
                "long enough",
                "role",
                "system_admin")),
        HttpStatus.FORBIDDEN,
        "system_admin");
    expectProblem(
        post(
            "/api/v1/users",
            admin,
            Map.of(
                "username",
                "fi-" + org.substring(0, 8),
                "password",
                "long enough",
                "role",
                "user",
                "organization_id",
                "platform")),
        HttpStatus.FORBIDDEN,
        "another organization");
    expectProblem(
        post("/api/v1/users", admin, Map.of("username", "x", "password", "short", "role", "user")),
        HttpStatus.BAD_REQUEST,
        "password");

    String id =
        body(post("/api/v1/users", admin, carol).expectStatus().isCreated()).get("id").toString();
    put("/api/v1/users/" + id, admin, Map.of("role", "org_admin", "disabled", true))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.role")
        .isEqualTo("org_admin")
        .jsonPath("$.disabled")
        .isEqualTo(true);
    Requester stranger = new Requester("eve", "elsewhere", Role.ORG_ADMIN);
    expectProblem(
        put("/api/v1/users/" + id, stranger, Map.of("disabled", false)),
        HttpStatus.NOT_FOUND,
        "user " + id + " not found");
  }
}
