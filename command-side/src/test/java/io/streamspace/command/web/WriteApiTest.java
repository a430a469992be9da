package io.streamspace.command.web;

import static io.streamspace.command.web.WriteApiHarness.CALLER_HEADER;
import static io.streamspace.command.web.WriteApiHarness.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.session.MarkSessionRunning;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The write endpoints: statuses, Location headers and bodies, for each rule they pass on. */
class WriteApiTest {

  private static final Requester ROOT = new Requester("root", "platform", Role.SYSTEM_ADMIN);

  private WriteApiHarness api;
  private String org;
  private Requester admin;
  private Requester ada;

  @BeforeEach
  void organization() {
    api = new WriteApiHarness();
    org =
        post("/api/v1/organizations", ROOT, organization("acme", 2))
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id")
            .toString();
    admin = new Requester("admin", org, Role.ORG_ADMIN);
    ada = new Requester("ada", org, Role.USER);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static Map<String, Object> organization(String name, int maxSessions) {
    return Map.of(
        "name",
        name,
        "display_name",
        "Acme Corp",
        "quota",
        Map.of("max_sessions", maxSessions, "max_cpu_millis", 8000, "max_memory_mb", 8192));
  }

  private static Map<String, Object> xterm() {
    return Map.of("name", "xterm", "command", java.util.List.of("xterm"));
  }

  private WebTestClient.ResponseSpec post(String path, Requester as, Object body) {
    return api.client
        .post()
        .uri(path)
        .header(CALLER_HEADER, header(as))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private WebTestClient.ResponseSpec put(String path, Requester as, Object body) {
    return api.client
        .put()
        .uri(path)
        .header(CALLER_HEADER, header(as))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private WebTestClient.ResponseSpec delete(String path, Requester as) {
    return api.client.delete().uri(path).header(CALLER_HEADER, header(as)).exchange();
  }

  private String createTemplate() {
    return post("/api/v1/templates", admin, xterm())
        .expectStatus()
        .isCreated()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody()
        .get("id")
        .toString();
  }

  private String createSession(String templateId) {
    return post("/api/v1/sessions", ada, Map.of("template_id", templateId))
        .expectStatus()
        .isCreated()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody()
        .get("id")
        .toString();
  }

  @Test
  void aSystemAdminCreatesAnOrganizationAndChangesItsQuota() {
    post("/api/v1/organizations", ROOT, organization("globex", 3))
        .expectStatus()
        .isCreated()
        .expectHeader()
        .value("Location", location -> assertThat(location).startsWith("/api/v1/organizations/"))
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("globex")
        .jsonPath("$.display_name")
        .isEqualTo("Acme Corp")
        .jsonPath("$.quota.max_sessions")
        .isEqualTo(3);

    put(
            "/api/v1/organizations/" + org + "/quota",
            ROOT,
            Map.of("max_sessions", 9, "max_cpu_millis", 9000, "max_memory_mb", 9000))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo(org)
        .jsonPath("$.quota.max_sessions")
        .isEqualTo(9);
  }

  @Test
  void onlyASystemAdminManagesOrganizations() {
    post("/api/v1/organizations", admin, organization("mine", 1)).expectStatus().isForbidden();
    put(
            "/api/v1/organizations/" + org + "/quota",
            admin,
            Map.of("max_sessions", 99, "max_cpu_millis", 1, "max_memory_mb", 1))
        .expectStatus()
        .isForbidden();
  }

  @Test
  void anOrganizationNeedsANameAndACompleteQuota() {
    post("/api/v1/organizations", ROOT, Map.of("quota", Map.of("max_sessions", -1)))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(
            detail ->
                assertThat(detail.toString())
                    .contains("name", "quota.maxCpuMillis", "quota.maxSessions"));
  }

  @Test
  void anOrganizationAdminAddsATemplateWithDefaults() {
    post("/api/v1/templates", admin, xterm())
        .expectStatus()
        .isCreated()
        .expectHeader()
        .value("Location", location -> assertThat(location).startsWith("/api/v1/templates/"))
        .expectBody()
        .jsonPath("$.organization_id")
        .isEqualTo(org)
        .jsonPath("$.display_name")
        .isEqualTo("xterm")
        .jsonPath("$.vnc_port")
        .isEqualTo(5900)
        .jsonPath("$.default_resources.cpu_millis")
        .isEqualTo(1000)
        .jsonPath("$.command[0]")
        .isEqualTo("xterm");
  }

  @Test
  void aPlainUserMayNotAddTemplates() {
    post("/api/v1/templates", ada, xterm()).expectStatus().isForbidden();
  }

  @Test
  void aTemplateWithoutImageOrCommandOrWithABadPortIsRefused() {
    post("/api/v1/templates", admin, Map.of("name", "nothing"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).contains("an image", "a command"));
    post(
            "/api/v1/templates",
            admin,
            Map.of("name", "x", "command", java.util.List.of("x"), "vnc_port", 0))
        .expectStatus()
        .isBadRequest();
  }

  @Test
  void aTemplateIsReplacedThenDeletedThenGone() {
    String id = createTemplate();
    put(
            "/api/v1/templates/" + id,
            admin,
            Map.of("name", "xeyes", "command", java.util.List.of("xeyes")))
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("xeyes")
        .jsonPath("$.organization_id")
        .isEqualTo(org);

    delete("/api/v1/templates/" + id, admin).expectStatus().isNoContent();
    put("/api/v1/templates/" + id, admin, xterm()).expectStatus().isNotFound();
    delete("/api/v1/templates/" + id, admin).expectStatus().isNotFound();
  }

  @Test
  void holesInACommandOrEnvironmentAndScriptIconsAreRefusedByField() {
    String id = createTemplate();
    Map<String, String> refused =
        Map.of(
            "{\"name\":\"p\",\"command\":[null]}", "command[0]",
            "{\"name\":\"p\",\"command\":[\"x\"],\"environment\":{\"K\":null}}", "environment[K]",
            "{\"name\":\"p\",\"command\":[\"x\"],\"icon_url\":\"javascript:alert(1)\"}", "iconUrl");
    refused.forEach(
        (json, field) -> {
          for (String path : java.util.List.of("/api/v1/templates", "/api/v1/templates/" + id)) {
            api.client
                .method(path.equals("/api/v1/templates") ? HttpMethod.POST : HttpMethod.PUT)
                .uri(path)
                .header(CALLER_HEADER, header(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat(detail.toString()).contains(field));
          }
        });
  }

  @Test
  void anotherKindOfResourcesIdIsNotFoundLikeAnUnknownOne() {
    String template = createTemplate();
    String session = createSession(template);

    delete("/api/v1/templates/" + org, admin)
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("template " + org + " not found");
    put("/api/v1/templates/" + session, admin, xterm()).expectStatus().isNotFound();
    put(
            "/api/v1/organizations/" + session + "/quota",
            ROOT,
            Map.of("max_sessions", 1, "max_cpu_millis", 1, "max_memory_mb", 1))
        .expectStatus()
        .isNotFound();
    post("/api/v1/sessions/" + org + "/hibernate", ada, Map.of()).expectStatus().isNotFound();
    delete("/api/v1/sessions/" + template, ada)
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("session " + template + " not found");
    post("/api/v1/sessions", ada, Map.of("template_id", session))
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("template " + session + " not found");
  }

  @Test
  void anUnknownTemplateIsNotFound() {
    delete("/api/v1/templates/no-such-template", admin)
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("template no-such-template not found");
  }

  @Test
  void aUserCreatesAPendingSession() {
    String template = createTemplate();
    post(
            "/api/v1/sessions",
            ada,
            Map.of(
                "template_id", template, "resources", Map.of("cpu_millis", 250, "memory_mb", 300)))
        .expectStatus()
        .isCreated()
        .expectHeader()
        .value("Location", location -> assertThat(location).startsWith("/api/v1/sessions/"))
        .expectBody()
        .jsonPath("$.id")
        .isNotEmpty()
        .jsonPath("$.status")
        .isEqualTo("pending")
        .jsonPath("$.template_id")
        .isEqualTo(template)
        .jsonPath("$.organization_id")
        .isEqualTo(org)
        .jsonPath("$.user_id")
        .isEqualTo("ada")
        .jsonPath("$.resources.cpu_millis")
        .isEqualTo(250)
        .jsonPath("$.created_at")
        .isNotEmpty();
  }

  @Test
  void aSessionNeedsATemplateId() {
    post("/api/v1/sessions", ada, Map.of("resources", Map.of("cpu_millis", -5, "memory_mb", 1)))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .value(
            detail -> assertThat(detail.toString()).contains("templateId", "resources.cpuMillis"));
  }

  @Test
  void sessionsOfUnknownDeletedOrForeignTemplatesAreRefused() {
    post("/api/v1/sessions", ada, Map.of("template_id", "nope")).expectStatus().isNotFound();

    String template = createTemplate();
    Requester stranger = new Requester("eve", "elsewhere", Role.USER);
    post("/api/v1/sessions", stranger, Map.of("template_id", template)).expectStatus().isNotFound();

    delete("/api/v1/templates/" + template, admin).expectStatus().isNoContent();
    post("/api/v1/sessions", ada, Map.of("template_id", template))
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("template " + template + " was deleted");
  }

  @Test
  void aSessionBeyondTheQuotaIsAConflict() {
    String template = createTemplate();
    createSession(template);
    createSession(template);
    post("/api/v1/sessions", ada, Map.of("template_id", template))
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat(detail.toString()).startsWith("quota exceeded"));
  }

  @Test
  void aSessionIsHibernatedResumedAndStopped() {
    String session = createSession(createTemplate());
    post("/api/v1/sessions/" + session + "/hibernate", ada, Map.of())
        .expectStatus()
        .isEqualTo(HttpStatus.CONFLICT)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("session is pending; only a running session can be hibernated");

    api.axon
        .commandGateway()
        .sendAndWait(new MarkSessionRunning(session, Requester.system(org), "127.0.0.1:5901"));

    post("/api/v1/sessions/" + session + "/hibernate", ada, Map.of())
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("hibernated");
    post("/api/v1/sessions/" + session + "/resume", ada, Map.of())
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("running");
    delete("/api/v1/sessions/" + session, ada)
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo(session)
        .jsonPath("$.status")
        .isEqualTo("stopped");
    delete("/api/v1/sessions/" + session, ada).expectStatus().isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void someoneElsesSessionIsNotFound() {
    String session = createSession(createTemplate());
    Requester bob = new Requester("bob", org, Role.USER);
    delete("/api/v1/sessions/" + session, bob).expectStatus().isNotFound();
    delete("/api/v1/sessions/unknown", ada)
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("session unknown not found");
    post("/api/v1/sessions/unknown/hibernate", ada, Map.of()).expectStatus().isNotFound();
  }
}
