package io.streamspace.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.Quota;
import io.streamspace.server.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;

/**
 * {@code GET /api/v1/live} pushes session changes as they commit, to those who may read them: the
 * owner sees their new session arrive, a user of another organization never does.
 */
class LiveUpdatesTest extends IntegrationTest {

  private static final Quota ROOMY = new Quota(10, 10_000, 10_000);
  private static final Resources SMALL = new Resources(100, 64);

  @Test
  void aSessionChangeReachesItsOwnerAndNoOtherOrganization() {
    Tenant mine = newTenant(ROOMY, SMALL);
    Tenant theirs = newTenant(ROOMY, SMALL);
    Requester me = mine.user("ada");
    Requester stranger = theirs.user("bob");
    Requester operator =
        new Requester("operator-" + newId(), mine.organizationId(), Role.SYSTEM_ADMIN);

    List<ServerSentEvent<String>> mySeen = new CopyOnWriteArrayList<>();
    List<ServerSentEvent<String>> operatorSeen = new CopyOnWriteArrayList<>();
    Disposable myStream = subscribe(me, mySeen);
    Disposable operatorStream = subscribe(operator, operatorSeen);
    try {
      String theirSession = createSession(stranger, theirs.templateId());
      String mySession = createSession(me, mine.templateId());

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                assertThat(sessionIds(mySeen)).contains(mySession);
                // The system admin sees every organization: once it has seen the other tenant's
                // session, my stream has been offered it too.
                assertThat(sessionIds(operatorSeen)).contains(theirSession, mySession);
              });
      assertThat(sessionIds(mySeen)).doesNotContain(theirSession);
      ServerSentEvent<String> first =
          mySeen.stream().filter(e -> e.data().contains(mySession)).findFirst().orElseThrow();
      assertThat(first.data())
          .contains("\"status\":\"pending\"")
          .contains("\"organization_id\":\"" + mine.organizationId() + "\"");
    } finally {
      myStream.dispose();
      operatorStream.dispose();
    }
  }

  @Test
  void theStreamNeedsASignedInCaller() {
    client
        .get()
        .uri("/api/v1/live")
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  private Disposable subscribe(Requester requester, List<ServerSentEvent<String>> seen) {
    return client
        .get()
        .uri("/api/v1/live")
        .header("Authorization", "Bearer " + tokenFor(requester))
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus()
        .isOk()
        .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
        .getResponseBody()
        .filter(event -> "session".equals(event.event()))
        .subscribe(seen::add);
  }

  private String createSession(Requester requester, String templateId) {
    Map<?, ?> created =
        client
            .post()
            .uri("/api/v1/sessions")
            .header("Authorization", "Bearer " + tokenFor(requester))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("template_id", templateId))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return String.valueOf(created.get("id"));
  }

  private static List<String> sessionIds(List<ServerSentEvent<String>> events) {
    return events.stream()
        .map(ServerSentEvent::data)
        .map(data -> data.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1"))
        .toList();
  }
}
