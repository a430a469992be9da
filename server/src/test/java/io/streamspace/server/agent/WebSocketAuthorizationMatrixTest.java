package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rsocket.exceptions.RejectedSetupException;
import io.streamspace.events.agent.StartSessionOrder;
import io.streamspace.events.common.Requester;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.server.vnc.RfbSocket;
import io.streamspace.vnc.access.VncGrant;
import io.streamspace.vnc.access.VncTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The WebSocket endpoints' part of the authorization matrix ({@code AuthorizationMatrixTest} holds
 * the REST part): who may open {@code /ws/vnc} on their own organization's session and on
 * another's, with a validly signed token naming them (the platform would not even issue the
 * latter), and that no person's credential opens {@code /ws/agent}.
 */
class WebSocketAuthorizationMatrixTest extends AgentIntegrationTest {

  private static final int OPENED = 101;

  @Autowired VncTokens vncTokens;

  private record Case(String caller, String target, int expected) {}

  @Test
  void vncTunnelsOpenOnlyForPeopleWhoMayUseTheSession() throws Exception {
    Tenant own = tenant();
    Tenant other = tenant();
    Requester user = own.user("matrix-user");
    Requester admin = own.admin();
    Requester otherUser = other.user("other-user");
    List<Case> results = new ArrayList<>();
    List<Case> expected = new ArrayList<>();
    try (ScriptedAgent agent =
        ScriptedAgent.connect(
            port, ScriptedAgent.setup("ws-matrix-" + newId(), issueAgentToken("m"), 4))) {
      agent.inventory();
      String ownSession = running(agent, own, user);
      String otherSession = running(agent, other, otherUser);

      for (String target : List.of("own", "other")) {
        String session = target.equals("own") ? ownSession : otherSession;
        Instant run = runningSince(session);
        expected.add(new Case("anonymous", target, 401));
        results.add(new Case("anonymous", target, status(socketUrl(null))));
        expected.add(new Case("user", target, target.equals("own") ? OPENED : 401));
        results.add(new Case("user", target, status(socketUrl(sign(session, user, run)))));
        expected.add(new Case("org_admin", target, target.equals("own") ? OPENED : 401));
        results.add(new Case("org_admin", target, status(socketUrl(sign(session, admin, run)))));
        expected.add(new Case("system_admin", target, OPENED));
        results.add(new Case("system_admin", target, status(socketUrl(sign(session, ROOT, run)))));
        // a person's API token is not a VNC token, whoever holds it
        for (Requester person : List.of(user, admin, ROOT)) {
          expected.add(new Case(person.role().wireName() + " api token", target, 401));
          results.add(
              new Case(
                  person.role().wireName() + " api token",
                  target,
                  status(socketUrl(tokenFor(person)))));
        }
      }
    }
    assertThat(results).containsExactlyElementsOf(expected);
  }

  @Test
  void noPersonsCredentialConnectsAnAgent() {
    Tenant own = tenant();
    for (Requester person : List.of(own.user("matrix-user"), own.admin(), ROOT)) {
      String token = tokenFor(person);
      assertThatThrownBy(
              () ->
                  ScriptedAgent.connectSilent(
                          port, ScriptedAgent.setup("impostor-" + newId(), token, 1))
                      .inventory())
          .as(person.role().wireName())
          .satisfies(
              refused -> {
                Throwable cause = refused;
                while (cause.getCause() != null && !(cause instanceof RejectedSetupException)) {
                  cause = cause.getCause();
                }
                assertThat(cause).isInstanceOf(RejectedSetupException.class);
              });
    }
  }

  private String running(ScriptedAgent agent, Tenant tenant, Requester user) throws Exception {
    String sessionId = createSession(tenant, user);
    StartSessionOrder start = agent.nextOrder(StartSessionOrder.class);
    agent.running(sessionId, start.commandId());
    awaitStatus(user, sessionId, SessionStatus.RUNNING);
    eventually(() -> assertThat(runningSince(sessionId)).isNotNull());
    return sessionId;
  }

  private Instant runningSince(String sessionId) {
    Timestamp since =
        jdbc.queryForObject(
            "select running_since from session_view where id = ?", Timestamp.class, sessionId);
    return since == null ? null : since.toInstant();
  }

  private String sign(String sessionId, Requester who, Instant run) {
    VncGrant grant =
        vncTokens.grant(sessionId, who.userId(), who.organizationId(), who.role(), run);
    return vncTokens.sign(grant);
  }

  private String socketUrl(String token) {
    return "ws://localhost:"
        + port
        + "/ws/vnc"
        + (token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
  }

  private static int status(String url) {
    try (RfbSocket socket = RfbSocket.open(url)) {
      return OPENED;
    } catch (RfbSocket.Refused refused) {
      return refused.status;
    }
  }
}
