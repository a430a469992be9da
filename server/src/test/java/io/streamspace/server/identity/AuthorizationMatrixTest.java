package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.Quota;
import io.streamspace.server.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every REST endpoint × every caller (anonymous, {@code user}, {@code org_admin}, {@code
 * system_admin}, all of organization A) × a target in the caller's own organization (A) or in
 * another one (B) → the expected status. Another organization's resource is 404, exactly like an
 * absent one, and a list filtered on another organization shows none of its resources.
 *
 * <p>The table is {@link #MATRIX}: one {@link Row} per endpoint, with the request to send for a
 * target and the status each caller must get for their own organization's target and for the
 * other's (none where the endpoint names no organization). Endpoints that change things get a fresh
 * target per case, so cases never depend on each other. To add an endpoint, add a row. Public
 * endpoints (login, key set, health) are outside the matrix: {@code LoginTest} covers them.
 *
 * <p>Size: 35 endpoints, 232 cases (4 callers × own and, for the 23 endpoints that name an
 * organization's resource, the other organization too). The WebSocket endpoints ({@code /ws/vnc},
 * {@code /ws/agent}) check their own credentials: {@code WebSocketAuthorizationMatrixTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest extends IntegrationTest {

  enum Caller {
    ANONYMOUS,
    USER,
    ORG_ADMIN,
    SYSTEM_ADMIN
  }

  enum Target {
    OWN,
    OTHER
  }

  /** An expected status per caller for one target. */
  record Expect(int anonymous, int user, int orgAdmin, int systemAdmin) {
    int of(Caller caller) {
      return switch (caller) {
        case ANONYMOUS -> anonymous;
        case USER -> user;
        case ORG_ADMIN -> orgAdmin;
        case SYSTEM_ADMIN -> systemAdmin;
      };
    }
  }

  /** What a case sends: method, path, body (null for none). */
  record Call(HttpMethod method, String uri, Object body) {}

  /**
   * One endpoint: how to build its request against a tenant's fixtures, and the expected statuses
   * for the own and the other organization's target ({@code other} null when the endpoint names no
   * organization, so there is one target only).
   */
  record Row(String endpoint, Function<Tenant2, Call> call, Expect own, Expect other) {}

  /** One case of the matrix. */
  record Case(Row row, Caller caller, Target target, int expected) {
    @Override
    public String toString() {
      return row.endpoint() + " as " + caller + " on " + target + " → " + expected;
    }
  }

  /** A tenant's fixtures: its people, a session, a template, a member, an API key. */
  record Tenant2(
      String organizationId,
      Requester user,
      Requester admin,
      String templateId,
      String sessionId,
      String memberId,
      String apiKeyId,
      AuthorizationMatrixTest test) {

    String freshSession() {
      return test.createSession(user, templateId);
    }

    String freshTemplate() {
      return test.createTemplate(admin);
    }

    String freshApiKey() {
      return test.createApiKey(user);
    }
  }

  private Tenant2 a;
  private Tenant2 b;
  private Requester systemAdmin;

  private static Expect expect(int anonymous, int user, int orgAdmin, int systemAdmin) {
    return new Expect(anonymous, user, orgAdmin, systemAdmin);
  }

  private static Call get(String uri) {
    return new Call(HttpMethod.GET, uri, null);
  }

  private static Call post(String uri, Object body) {
    return new Call(HttpMethod.POST, uri, body);
  }

  private static Call put(String uri, Object body) {
    return new Call(HttpMethod.PUT, uri, body);
  }

  private static Call delete(String uri) {
    return new Call(HttpMethod.DELETE, uri, null);
  }

  private static String inDays(int days) {
    return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The matrix: endpoint, request for a target, expected (own organization), expected (other). */
  static final List<Row> MATRIX =
      List.of(
          // sessions
          new Row(
              "GET /api/v1/sessions",
              t -> get("/api/v1/sessions?organization_id=" + t.organizationId()),
              expect(401, 200, 200, 200),
              expect(401, 200, 200, 200)),
          new Row(
              "GET /api/v1/sessions/{id}",
              t -> get("/api/v1/sessions/" + t.sessionId()),
              expect(401, 200, 200, 200),
              expect(401, 404, 404, 200)),
          new Row(
              "GET /api/v1/sessions/{id}/events",
              t -> get("/api/v1/sessions/" + t.sessionId() + "/events"),
              expect(401, 200, 200, 200),
              expect(401, 404, 404, 200)),
          new Row(
              // the sessions wait for an agent that never comes: allowed callers hear 409
              "GET /api/v1/sessions/{id}/vnc",
              t -> get("/api/v1/sessions/" + t.sessionId() + "/vnc"),
              expect(401, 409, 409, 409),
              expect(401, 404, 404, 409)),
          new Row(
              "POST /api/v1/sessions",
              t -> post("/api/v1/sessions", Map.of("template_id", t.templateId())),
              expect(401, 201, 201, 201),
              // the session would be in the caller's organization: another's template is absent
              expect(401, 404, 404, 404)),
          new Row(
              "DELETE /api/v1/sessions/{id}",
              t -> delete("/api/v1/sessions/" + t.freshSession()),
              expect(401, 202, 202, 202),
              expect(401, 404, 404, 202)),
          new Row(
              "POST /api/v1/sessions/{id}/hibernate",
              t -> post("/api/v1/sessions/" + t.sessionId() + "/hibernate", null),
              expect(401, 409, 409, 409),
              expect(401, 404, 404, 409)),
          new Row(
              "POST /api/v1/sessions/{id}/resume",
              t -> post("/api/v1/sessions/" + t.sessionId() + "/resume", null),
              expect(401, 409, 409, 409),
              expect(401, 404, 404, 409)),
          // templates
          new Row(
              "GET /api/v1/templates",
              t -> get("/api/v1/templates?organization_id=" + t.organizationId()),
              expect(401, 200, 200, 200),
              expect(401, 200, 200, 200)),
          new Row(
              "GET /api/v1/templates/{id}",
              t -> get("/api/v1/templates/" + t.templateId()),
              expect(401, 200, 200, 200),
              expect(401, 404, 404, 200)),
          new Row(
              "POST /api/v1/templates",
              t -> post("/api/v1/templates", Map.of("name", "xeyes", "command", List.of("xeyes"))),
              expect(401, 403, 201, 201),
              null),
          new Row(
              "PUT /api/v1/templates/{id}",
              t ->
                  put(
                      "/api/v1/templates/" + t.templateId(),
                      Map.of("name", "xterm", "command", List.of("xterm"))),
              expect(401, 403, 200, 200),
              // another organization's template is absent, whoever asks: 404 before any 403
              expect(401, 404, 404, 200)),
          new Row(
              "DELETE /api/v1/templates/{id}",
              t -> delete("/api/v1/templates/" + t.freshTemplate()),
              expect(401, 403, 204, 204),
              expect(401, 404, 404, 204)),
          // organizations
          new Row(
              "GET /api/v1/organizations",
              t -> get("/api/v1/organizations"),
              expect(401, 403, 403, 200),
              null),
          new Row(
              "GET /api/v1/organizations/{id}",
              t -> get("/api/v1/organizations/" + t.organizationId()),
              expect(401, 200, 200, 200),
              expect(401, 404, 404, 200)),
          new Row(
              "POST /api/v1/organizations",
              t ->
                  post(
                      "/api/v1/organizations",
                      Map.of(
                          "name",
                          "matrix-" + java.util.UUID.randomUUID(),
                          "quota",
                          Map.of(
                              "max_sessions", 1, "max_cpu_millis", 1000, "max_memory_mb", 1000))),
              expect(401, 403, 403, 201),
              null),
          new Row(
              "PUT /api/v1/organizations/{id}/quota",
              t ->
                  put(
                      "/api/v1/organizations/" + t.organizationId() + "/quota",
                      Map.of("max_sessions", 50, "max_cpu_millis", 50000, "max_memory_mb", 50000)),
              expect(401, 403, 403, 200),
              expect(401, 403, 403, 200)),
          // users
          new Row(
              "GET /api/v1/users",
              t -> get("/api/v1/users?organization_id=" + t.organizationId()),
              expect(401, 403, 200, 200),
              expect(401, 403, 200, 200)),
          new Row(
              "GET /api/v1/users/{id}",
              t -> get("/api/v1/users/" + t.memberId()),
              // a plain user sees no other person, in their organization or another: absent
              expect(401, 404, 200, 200),
              expect(401, 404, 404, 200)),
          new Row(
              "POST /api/v1/users",
              t ->
                  post(
                      "/api/v1/users",
                      Map.of(
                          "username",
                          "m" + java.util.UUID.randomUUID().toString().substring(0, 12),
                          "password",
                          "long enough password",
                          "role",
                          "user",
                          "organization_id",
                          t.organizationId())),
              expect(401, 403, 201, 201),
              expect(401, 403, 403, 201)),
          new Row(
              "PUT /api/v1/users/{id}",
              t -> put("/api/v1/users/" + t.memberId(), Map.of("disabled", false)),
              expect(401, 403, 200, 200),
              expect(401, 403, 404, 200)),
          // API keys
          new Row(
              "GET /api/v1/api-keys",
              t -> get("/api/v1/api-keys?user_id=" + t.user().userId()),
              expect(401, 200, 200, 200),
              expect(401, 200, 200, 200)),
          new Row(
              "GET /api/v1/api-keys/{id}",
              t -> get("/api/v1/api-keys/" + t.apiKeyId()),
              expect(401, 200, 200, 200),
              expect(401, 404, 404, 200)),
          new Row(
              "POST /api/v1/api-keys",
              t ->
                  post(
                      "/api/v1/api-keys",
                      Map.of(
                          "name", "matrix", "user_id", t.user().userId(), "expires_at", inDays(1))),
              expect(401, 201, 201, 201),
              expect(401, 403, 404, 201)),
          new Row(
              "DELETE /api/v1/api-keys/{id}",
              t -> delete("/api/v1/api-keys/" + t.freshApiKey()),
              expect(401, 204, 204, 204),
              expect(401, 404, 404, 204)),
          // platform: agents, agent tokens, audit, projections
          new Row(
              "GET /api/v1/agents", t -> get("/api/v1/agents"), expect(401, 403, 403, 200), null),
          new Row(
              "GET /api/v1/agents/{id}",
              t -> get("/api/v1/agents/no-such-agent"),
              expect(401, 403, 403, 404),
              null),
          new Row(
              "GET /api/v1/agents/tokens",
              t -> get("/api/v1/agents/tokens"),
              expect(401, 403, 403, 200),
              null),
          new Row(
              "POST /api/v1/agents/tokens",
              t -> post("/api/v1/agents/tokens", Map.of("name", "matrix")),
              expect(401, 403, 403, 201),
              null),
          new Row(
              "GET /api/v1/agents/tokens/{id}",
              t -> get("/api/v1/agents/tokens/no-such-token"),
              expect(401, 403, 403, 404),
              null),
          new Row(
              "DELETE /api/v1/agents/tokens/{id}",
              t -> delete("/api/v1/agents/tokens/no-such-token"),
              expect(401, 403, 403, 404),
              null),
          new Row(
              "GET /api/v1/audit",
              t -> get("/api/v1/audit?organization_id=" + t.organizationId()),
              expect(401, 403, 200, 200),
              expect(401, 403, 200, 200)),
          new Row(
              "GET /api/v1/admin/projections",
              t -> get("/api/v1/admin/projections"),
              expect(401, 403, 403, 200),
              null),
          new Row(
              // an unknown projection: replaying a real one would disturb the shared context
              "POST /api/v1/admin/projections/{name}/replay",
              t -> post("/api/v1/admin/projections/no-such-projection/replay", null),
              expect(401, 403, 403, 404),
              null),
          new Row(
              "GET /api/v1/admin/settings",
              t -> get("/api/v1/admin/settings"),
              expect(401, 403, 403, 200),
              null));

  @BeforeAll
  void tenants() {
    a = tenant();
    b = tenant();
    systemAdmin =
        new Requester("root-" + a.organizationId(), a.organizationId(), Role.SYSTEM_ADMIN);
    tokenFor(systemAdmin);
  }

  Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (Row row : MATRIX) {
      for (Caller caller : Caller.values()) {
        cases.add(new Case(row, caller, Target.OWN, row.own().of(caller)));
        if (row.other() != null) {
          cases.add(new Case(row, caller, Target.OTHER, row.other().of(caller)));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyCallerGetsTheExpectedAnswer(Case c) {
    Tenant2 target = c.target() == Target.OWN ? a : b;
    Call call = c.row().call().apply(target);
    WebTestClient.RequestBodySpec request =
        client.method(call.method()).uri(call.uri()).accept(MediaType.APPLICATION_JSON);
    Requester caller = requester(c.caller());
    if (caller != null) {
      request.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(caller));
    }
    WebTestClient.RequestHeadersSpec<?> ready =
        call.body() == null
            ? request
            : request.contentType(MediaType.APPLICATION_JSON).bodyValue(call.body());
    EntityExchangeResult<String> result = ready.exchange().expectBody(String.class).returnResult();

    assertThat(result.getStatus().value())
        .as("%s: %s", c, result.getResponseBody())
        .isEqualTo(c.expected());
    if (c.target() == Target.OTHER
        && c.caller() != Caller.SYSTEM_ADMIN
        && result.getStatus().is2xxSuccessful()
        && result.getResponseBody() != null) {
      // a list filtered on another organization shows nothing of it
      assertThat(result.getResponseBody())
          .as("%s leaks the other organization", c)
          .doesNotContain(b.sessionId())
          .doesNotContain(b.templateId())
          .doesNotContain(b.memberId())
          .doesNotContain(b.apiKeyId())
          .doesNotContain(b.user().userId());
    }
  }

  private Requester requester(Caller caller) {
    return switch (caller) {
      case ANONYMOUS -> null;
      case USER -> a.user();
      case ORG_ADMIN -> a.admin();
      case SYSTEM_ADMIN -> systemAdmin;
    };
  }

  private Tenant2 tenant() {
    Tenant tenant = newTenant(new Quota(1000, 1_000_000, 1_000_000), new Resources(10, 16));
    Requester user = tenant.user("matrix-user");
    tokenFor(user);
    tokenFor(tenant.admin());
    String member =
        (String)
            as(tenant.admin())
                .post()
                .uri("/api/v1/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    Map.of(
                        "username",
                        "member-" + tenant.organizationId().substring(0, 8),
                        "password",
                        "long enough password",
                        "role",
                        "user"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    String session = createSession(user, tenant.templateId());
    String key = createApiKey(user);
    return new Tenant2(
        tenant.organizationId(),
        user,
        tenant.admin(),
        tenant.templateId(),
        session,
        member,
        key,
        this);
  }

  String createSession(Requester owner, String templateId) {
    String id =
        (String)
            as(owner)
                .post()
                .uri("/api/v1/sessions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("template_id", templateId))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    awaitDispatched(id);
    // the rows that read the session (its page, its desktop) answer from the read model, which
    // follows the event store a moment later
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from session_view where id = ?", Integer.class, id)
                    > 0);
    return id;
  }

  String createTemplate(Requester admin) {
    return (String)
        as(admin)
            .post()
            .uri("/api/v1/templates")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "doomed", "command", List.of("xclock")))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id");
  }

  String createApiKey(Requester owner) {
    return (String)
        as(owner)
            .post()
            .uri("/api/v1/api-keys")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "matrix fixture", "expires_at", inDays(7)))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id");
  }

  private WebTestClient as(Requester requester) {
    return client
        .mutate()
        .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(requester))
        .build();
  }
}
