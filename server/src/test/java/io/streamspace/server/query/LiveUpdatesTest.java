package io.streamspace.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.BackendKind;
import io.streamspace.events.agent.ConnectAgent;
import io.streamspace.events.agent.DisconnectAgent;
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
 * owner sees their new session arrive, a user of another organization never does; agents coming and
 * going reach system admins only.
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
  void anAgentConnectingAndDisconnectingReachesSystemAdminsAndNoOrganizationsPeople() {
    Tenant other = newTenant(ROOMY, SMALL);
    Requester operator = new Requester("operator-" + newId(), newId(), Role.SYSTEM_ADMIN);
    List<ServerSentEvent<String>> operatorSeen = new CopyOnWriteArrayList<>();
    List<ServerSentEvent<String>> adminSeen = new CopyOnWriteArrayList<>();
    List<ServerSentEvent<String>> userSeen = new CopyOnWriteArrayList<>();
    Disposable operatorStream = subscribe(operator, operatorSeen, "agent");
    Disposable adminStream = subscribe(other.admin(), adminSeen, "agent");
    Disposable userStream = subscribe(other.user("carol"), userSeen, "agent");
    String agentId = "live-agent-" + newId();
    try {
      // One millicore: no session of the shared context ever fits on it while it is connected.
      send(
          new ConnectAgent(
              agentId,
              "token-" + agentId,
              BackendKind.LOCAL,
              new AgentCapacity(1, 1, 1),
              "1",
              "c1"),
          operator);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(operatorSeen)
                      .anySatisfy(
                          e ->
                              assertThat(e.data())
                                  .contains("\"id\":\"" + agentId + "\"")
                                  .contains("\"state\":\"connected\"")));
      send(new DisconnectAgent(agentId, "c1", "test over"), operator);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(operatorSeen)
                      .anySatisfy(
                          e ->
                              assertThat(e.data())
                                  .contains("\"id\":\"" + agentId + "\"")
                                  .contains("\"state\":\"disconnected\"")));
      // The operator saw both changes; the other streams were offered them at the same moments.
      assertThat(adminSeen).isEmpty();
      assertThat(userSeen).isEmpty();
    } finally {
      operatorStream.dispose();
      adminStream.dispose();
      userStream.dispose();
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
    return subscribe(requester, seen, "session");
  }

  private Disposable subscribe(
      Requester requester, List<ServerSentEvent<String>> seen, String kind) {
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
        .filter(event -> kind.equals(event.event()))
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
