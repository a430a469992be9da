package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.Quota;
import io.streamspace.server.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The real write endpoints answer every malformed request with a 4xx problem that says what is
 * wrong, and not a single event is stored.
 */
class BadInputStoresNothingTest extends IntegrationTest {

  private String token;

  @BeforeEach
  void anOrganizationAdmin() {
    String organizationId = newId();
    send(
        new CreateOrganization(
            organizationId, "bad-input-" + organizationId, "Bad input", new Quota(5, 5000, 5000)),
        new Requester("root", "platform", Role.SYSTEM_ADMIN));
    token = tokenFor(new Requester(newId(), organizationId, Role.ORG_ADMIN));
  }

  @Test
  void malformedJsonIsA400() {
    expectNothingStored(
        "/api/v1/templates", "{\"name\": \"xterm\", ", 400, "malformed JSON at line 1");
    expectNothingStored("/api/v1/sessions", "{\"template_id\": ", 400, "malformed JSON at line 1");
  }

  @Test
  void aWrongTypeIsA400NamingTheField() {
    expectNothingStored(
        "/api/v1/templates",
        "{\"name\": \"xterm\", \"command\": [\"xterm\"], \"vnc_port\": \"fifty-nine hundred\"}",
        400,
        "field 'vnc_port' has the wrong type: expected an integer");
    expectNothingStored(
        "/api/v1/sessions",
        "{\"template_id\": \"t\", \"resources\": {\"cpu_millis\": \"lots\", \"memory_mb\": 1}}",
        400,
        "field 'resources.cpu_millis' has the wrong type: expected an integer");
  }

  @Test
  void missingFieldsAreA400ListingThem() {
    expectNothingStored("/api/v1/templates", "{}", 400, "name");
    expectNothingStored("/api/v1/sessions", "{}", 400, "template_id");
  }

  @Test
  void anOversizedBodyIsA413() {
    expectNothingStored(
        "/api/v1/templates",
        "{\"name\": \"xterm\", \"description\": \"" + "x".repeat(300 * 1024) + "\"}",
        413,
        "larger than the limit of 256KB");
  }

  private void expectNothingStored(String uri, String body, int status, String detailPart) {
    long eventsBefore = events();
    client
        .post()
        .uri(uri)
        .headers(h -> h.setBearerAuth(token))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains(detailPart));
    assertThat(events()).as("events stored by a refused request").isEqualTo(eventsBefore);
  }

  private long events() {
    return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
  }
}
