package io.streamspace.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An id of another kind of resource (an organization's where a session's is expected) is answered
 * exactly like an unknown id: 404, and nothing stored.
 */
class ForeignIdIntegrationTest extends IntegrationTest {

  private final Requester root = new Requester("root-" + newId(), "platform", Role.SYSTEM_ADMIN);
  private String org;
  private Requester admin;
  private Requester ada;
  private String template;
  private String session;

  @BeforeEach
  void organizationWithATemplateAndASession() {
    org =
        body(post(
                "/api/v1/organizations",
                root,
                Map.of(
                    "name",
                    "foreign-" + newId(),
                    "quota",
                    Map.of("max_sessions", 5, "max_cpu_millis", 10_000, "max_memory_mb", 10_000))))
            .get("id")
            .toString();
    admin = new Requester("admin-" + org, org, Role.ORG_ADMIN);
    ada = new Requester("ada-" + org, org, Role.USER);
    template =
        body(post("/api/v1/templates", admin, Map.of("name", "xterm", "command", List.of("xterm"))))
            .get("id")
            .toString();
    session =
        body(post("/api/v1/sessions", ada, Map.of("template_id", template))).get("id").toString();
    awaitDispatched(session);
  }

  private WebTestClient.RequestBodySpec request(
      org.springframework.http.HttpMethod method, String path, Requester as) {
    return client
        .method(method)
        .uri(path)
        .header("Authorization", "Bearer " + tokenFor(as))
        .contentType(MediaType.APPLICATION_JSON);
  }

  private WebTestClient.ResponseSpec post(String path, Requester as, Object body) {
    return request(HttpMethod.POST, path, as).bodyValue(body).exchange();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(WebTestClient.ResponseSpec response) {
    return response
        .expectStatus()
        .is2xxSuccessful()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  /** Events of the organization, its template and its session: every repro names one of them. */
  private int storedEvents() {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where aggregate_identifier = any (?)",
        Integer.class,
        (Object) new String[] {org, template, session});
  }

  private static void expectNotFound(WebTestClient.ResponseSpec response, String detail) {
    response
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo(detail);
  }

  private static final Map<String, Object> QUOTA =
      Map.of("max_sessions", 7, "max_cpu_millis", 7000, "max_memory_mb", 7000);

  @Test
  void aSessionIdIsNoOrganization() {
    int before = storedEvents();
    expectNotFound(
        request(HttpMethod.PUT, "/api/v1/organizations/" + session + "/quota", root)
            .bodyValue(QUOTA)
            .exchange(),
        "organization " + session + " not found");
    assertThat(storedEvents()).isEqualTo(before);
  }

  @Test
  void aTemplateIdIsNoSessionToStop() {
    int before = storedEvents();
    expectNotFound(
        request(HttpMethod.DELETE, "/api/v1/sessions/" + template, ada).exchange(),
        "session " + template + " not found");
    assertThat(storedEvents()).isEqualTo(before);
  }

  @Test
  void anOrganizationIdIsNoSessionToHibernate() {
    int before = storedEvents();
    expectNotFound(
        post("/api/v1/sessions/" + org + "/hibernate", ada, Map.of()),
        "session " + org + " not found");
    assertThat(storedEvents()).isEqualTo(before);
  }

  @Test
  void anOrganizationIdIsNoTemplateToDelete() {
    int before = storedEvents();
    expectNotFound(
        request(HttpMethod.DELETE, "/api/v1/templates/" + org, admin).exchange(),
        "template " + org + " not found");
    assertThat(storedEvents()).isEqualTo(before);
  }

  @Test
  void aSessionIdIsNoTemplateToReplace() {
    int before = storedEvents();
    expectNotFound(
        request(HttpMethod.PUT, "/api/v1/templates/" + session, admin)
            .bodyValue(Map.of("name", "xeyes", "command", List.of("xeyes")))
            .exchange(),
        "template " + session + " not found");
    assertThat(storedEvents()).isEqualTo(before);
  }

  @Test
  void aSessionIdIsNoTemplateToStartFrom() {
    int before = storedEvents();
    expectNotFound(
        post("/api/v1/sessions", ada, Map.of("template_id", session)),
        "template " + session + " not found");
    assertThat(storedEvents()).isEqualTo(before);
  }

  @Test
  void aSessionIdIsNoOrganizationToJoin() {
    int before = storedEvents();
    String username = "gus-" + org.substring(0, 8);
    expectNotFound(
        post(
            "/api/v1/users",
            root,
            Map.of(
                "username",
                username,
                "password",
                "long enough",
                "role",
                "user",
                "organization_id",
                session)),
        "organization " + session + " not found");
    assertThat(storedEvents()).isEqualTo(before);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from user_account where username = ?", Integer.class, username))
        .as("the account row rolled back with the membership")
        .isZero();
  }
}
