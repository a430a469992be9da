package io.streamspace.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What a write answers is what the reads show afterwards. */
class WriteAnswersIntegrationTest extends IntegrationTest {

  private final Requester root = new Requester("root-" + newId(), "platform", Role.SYSTEM_ADMIN);
  private String org;
  private Requester admin;
  private Requester ada;

  @BeforeEach
  void organization() {
    org =
        body(exchange(
                HttpMethod.POST,
                "/api/v1/organizations",
                root,
                Map.of(
                    "name",
                    "answers-" + newId(),
                    "quota",
                    Map.of("max_sessions", 5, "max_cpu_millis", 10_000, "max_memory_mb", 10_000))))
            .get("id")
            .toString();
    admin = new Requester("admin-" + org, org, Role.ORG_ADMIN);
    ada = new Requester("ada-" + org, org, Role.USER);
  }

  private WebTestClient.ResponseSpec exchange(
      HttpMethod method, String path, Requester as, Object body) {
    WebTestClient.RequestBodySpec request =
        client
            .method(method)
            .uri(path)
            .header("Authorization", "Bearer " + tokenFor(as))
            .contentType(MediaType.APPLICATION_JSON);
    return body == null ? request.exchange() : request.bodyValue(body).exchange();
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

  @Test
  void aNewSessionsCreatedAtIsTheTimeItsEventKeepsAndTheReadsShow() {
    String template =
        body(exchange(
                HttpMethod.POST,
                "/api/v1/templates",
                admin,
                Map.of("name", "xterm", "command", List.of("xterm"))))
            .get("id")
            .toString();
    Map<String, Object> created =
        body(exchange(HttpMethod.POST, "/api/v1/sessions", ada, Map.of("template_id", template)));
    String id = created.get("id").toString();
    Instant answered = Instant.parse(created.get("created_at").toString());

    String stored =
        jdbc.queryForObject(
            "select time_stamp from domain_event_entry where aggregate_identifier = ?"
                + " and sequence_number = 0",
            String.class,
            id);
    assertThat(answered).isEqualTo(Instant.parse(stored));

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                exchange(HttpMethod.GET, "/api/v1/sessions/" + id, ada, null)
                        .returnResult(String.class)
                        .getStatus()
                        .value()
                    == 200);
    Map<String, Object> read = body(exchange(HttpMethod.GET, "/api/v1/sessions/" + id, ada, null));
    assertThat(Instant.parse(read.get("created_at").toString())).isEqualTo(answered);
  }

  @Test
  void aChangedAccountIsAnsweredWithTheFieldsTheReadsShow() {
    Map<String, Object> registered =
        body(
            exchange(
                HttpMethod.POST,
                "/api/v1/users",
                admin,
                Map.of(
                    "username",
                    "hal-" + org.substring(0, 8),
                    "password",
                    "long enough",
                    "email",
                    "hal@example.com",
                    "display_name",
                    "Hal",
                    "role",
                    "user")));
    String id = registered.get("id").toString();

    Map<String, Object> changed =
        body(exchange(HttpMethod.PUT, "/api/v1/users/" + id, admin, Map.of("disabled", true)));

    assertThat(changed)
        .containsEntry("id", id)
        .containsEntry("organization_id", org)
        .containsEntry("username", registered.get("username"))
        .containsEntry("email", "hal@example.com")
        .containsEntry("display_name", "Hal")
        .containsEntry("role", "user")
        .containsEntry("disabled", true);
    assertThat(changed.keySet()).isEqualTo(registered.keySet());

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              Map<String, Object> read =
                  body(exchange(HttpMethod.GET, "/api/v1/users/" + id, admin, null));
              assertThat(read).containsEntry("disabled", true);
              for (String field : changed.keySet()) {
                assertThat(read).as(field).containsEntry(field, changed.get(field));
              }
            });
  }
}
