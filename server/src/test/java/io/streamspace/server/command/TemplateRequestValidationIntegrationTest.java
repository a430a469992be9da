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
 * A template body with a hole in its argv or environment, or an icon address a browser would run,
 * is a 400 naming the field, and stores nothing; on create and on replace alike.
 */
class TemplateRequestValidationIntegrationTest extends IntegrationTest {

  private String org;
  private Requester admin;
  private String template;

  @BeforeEach
  void organizationWithATemplate() {
    org = newId();
    admin = new Requester("admin-" + org, org, Role.ORG_ADMIN);
    template =
        send(HttpMethod.POST, "/api/v1/templates", "{\"name\":\"x\",\"command\":[\"x\"]}")
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id")
            .toString();
  }

  private WebTestClient.ResponseSpec send(HttpMethod method, String path, String json) {
    return client
        .method(method)
        .uri(path)
        .header("Authorization", "Bearer " + tokenFor(admin))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange();
  }

  private int templateEvents() {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where payload_type like ?"
            + " and convert_from(payload, 'UTF8')::jsonb ->> 'organization_id' = ?",
        Integer.class,
        "io.streamspace.events.template.%",
        org);
  }

  /** Both on create and on replace: a 400 whose errors name {@code field}, and nothing stored. */
  private void refused(String json, String field) {
    int before = templateEvents();
    for (WebTestClient.ResponseSpec response :
        List.of(
            send(HttpMethod.POST, "/api/v1/templates", json),
            send(HttpMethod.PUT, "/api/v1/templates/" + template, json))) {
      response
          .expectStatus()
          .isBadRequest()
          .expectHeader()
          .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.errors[*].field")
          .value(fields -> assertThat(fields.toString()).contains(field))
          .jsonPath("$.detail")
          .value(detail -> assertThat(detail.toString()).contains(field));
    }
    assertThat(templateEvents()).isEqualTo(before);
  }

  @Test
  void aNullArgumentInTheCommandIsRefused() {
    refused("{\"name\":\"p\",\"command\":[null]}", "command[0]");
    refused("{\"name\":\"p\",\"command\":[\"xterm\",null]}", "command[1]");
  }

  @Test
  void aNullEnvironmentValueIsRefused() {
    refused("{\"name\":\"p\",\"command\":[\"x\"],\"environment\":{\"K\":null}}", "environment[K]");
  }

  @Test
  void anIconThatIsNotAnImageAddressIsRefused() {
    refused(
        "{\"name\":\"p\",\"command\":[\"x\"],\"icon_url\":\"javascript:alert(1)\"}", "icon_url");
    refused(
        "{\"name\":\"p\",\"command\":[\"x\"],\"icon_url\":\"data:text/html,<script>\"}",
        "icon_url");
    refused("{\"name\":\"p\",\"command\":[\"x\"],\"icon_url\":\"icons/relative.svg\"}", "icon_url");
  }

  @Test
  void webInlineAndSiteIconsAreAccepted() {
    for (String icon :
        List.of(
            "https://example.com/xterm.svg",
            "http://example.com/xterm.png",
            "HTTPS://EXAMPLE.COM/X.PNG",
            "data:image/svg+xml;charset=utf-8,%3Csvg%3E%3C%2Fsvg%3E",
            "/icons/xterm.svg")) {
      send(
              HttpMethod.PUT,
              "/api/v1/templates/" + template,
              "{\"name\":\"p\",\"command\":[\"x\"],\"icon_url\":\"" + icon + "\"}")
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.icon_url")
          .isEqualTo(icon);
    }
  }
}
