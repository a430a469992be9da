package io.streamspace.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.template.CreateTemplate;
import io.streamspace.events.user.RegisterUser;
import io.streamspace.query.projection.ProjectionGroups;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client that follows the {@code Location} of what it just made reads it at once, even while the
 * read model has not caught up: the read side then answers from the resource's own event stream,
 * with the same answer the projection gives once it has, and under the same access rules.
 *
 * <p>The lag is made certain by stopping the read model's processor around the read; it is started
 * again in a {@code finally}, so a failing test never leaves the shared context without it.
 */
class ReadAfterWriteTest extends ReadSideTest {

  @Autowired EventProcessingConfiguration processing;

  private String acme;
  private Requester acmeAdmin;
  private Requester alice;
  private String templateId;

  @BeforeEach
  void anOrganizationWithAMemberAndATemplate() {
    acme = newId();
    Requester root = requester("root", "platform", Role.SYSTEM_ADMIN);
    acmeAdmin = requester("carol-" + acme, acme, Role.ORG_ADMIN);
    alice = requester("alice-" + acme, acme, Role.USER);
    templateId = newId();
    send(new CreateOrganization(acme, "acme-" + acme, "ACME", new Quota(4, 4000, 4096)), root);
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
  }

  @Test
  void aNewSessionIsReadableAtItsLocationBeforeTheProjectionHasIt() {
    URI location;
    Map<String, Object> fromEvents;
    StreamingEventProcessor sessions = processor(ProjectionGroups.SESSIONS);
    sessions.shutDown();
    try {
      location =
          as(alice)
              .post()
              .uri("/api/v1/sessions")
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue(Map.of("template_id", templateId))
              .exchange()
              .expectStatus()
              .isCreated()
              .returnResult(Void.class)
              .getResponseHeaders()
              .getLocation();
      String sessionId = id(location);
      awaitDispatched(sessionId); // no agent here: the dispatcher says why it waits
      assertThat(rows("session_view", sessionId)).as("projected while stopped").isZero();

      fromEvents = read(as(alice), location);
      assertThat(fromEvents)
          .containsEntry("status_reason", "waiting for an agent: none is connected");

      assertThat(fromEvents)
          .containsEntry("id", sessionId)
          .containsEntry("status", "pending")
          .containsEntry("organization_id", acme)
          .containsEntry("user_id", alice.userId())
          .containsEntry("template_id", templateId)
          .containsEntry("template_name", "xterm")
          .containsEntry("resources", Map.of("cpu_millis", 500, "memory_mb", 256))
          .containsKeys("created_at", "updated_at");
      read(as(acmeAdmin), location);
      expectNotFound(requester("bob-" + acme, acme, Role.USER), location);
      expectNotFound(anotherOrganizationsAdmin(), location);
    } finally {
      sessions.start();
    }

    String sessionId = id(location);
    eventually(() -> assertThat(rows("session_view", sessionId)).isEqualTo(1));
    assertThat(read(as(alice), location)).isEqualTo(fromEvents);
  }

  @Test
  void aNewTemplateIsReadableAtItsLocationBeforeTheProjectionHasIt() {
    URI location;
    Map<String, Object> fromEvents;
    StreamingEventProcessor templates = processor(ProjectionGroups.TEMPLATES);
    templates.shutDown();
    try {
      location =
          as(acmeAdmin)
              .post()
              .uri("/api/v1/templates")
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue(
                  Map.of(
                      "name",
                      "gimp",
                      "display_name",
                      "GIMP",
                      "tags",
                      List.of("image"),
                      "image",
                      "streamspace/gimp:1",
                      "environment",
                      Map.of("LANG", "C.UTF-8")))
              .exchange()
              .expectStatus()
              .isCreated()
              .returnResult(Void.class)
              .getResponseHeaders()
              .getLocation();
      assertThat(rows("template_view", id(location))).as("projected while stopped").isZero();

      fromEvents = read(as(alice), location);

      assertThat(fromEvents)
          .containsEntry("id", id(location))
          .containsEntry("organization_id", acme)
          .containsEntry("display_name", "GIMP")
          .containsEntry("environment", Map.of("LANG", "C.UTF-8"));
      expectNotFound(anotherOrganizationsAdmin(), location);
    } finally {
      templates.start();
    }

    String templateId = id(location);
    eventually(() -> assertThat(rows("template_view", templateId)).isEqualTo(1));
    assertThat(read(as(alice), location)).isEqualTo(fromEvents);
  }

  private StreamingEventProcessor processor(String group) {
    return processing
        .eventProcessorByProcessingGroup(group, StreamingEventProcessor.class)
        .orElseThrow();
  }

  private int rows(String table, String id) {
    return jdbc.queryForObject(
        "select count(*) from " + table + " where id = ?", Integer.class, id);
  }

  private void expectNotFound(Requester requester, URI location) {
    as(requester).get().uri(location.toString()).exchange().expectStatus().isNotFound();
  }

  private static Requester anotherOrganizationsAdmin() {
    String globex = newId();
    return requester("gus-" + globex, globex, Role.ORG_ADMIN);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(WebTestClient client, URI location) {
    return client
        .get()
        .uri(location.toString())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private static String id(URI location) {
    String path = location.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
