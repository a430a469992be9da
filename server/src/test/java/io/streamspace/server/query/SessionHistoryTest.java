package io.streamspace.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionHibernated;
import io.streamspace.events.session.SessionResumed;
import io.streamspace.events.session.SessionRunning;
import io.streamspace.events.session.SessionStarting;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.query.session.SessionController;
import io.streamspace.query.session.SessionEventEntry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * {@code GET /api/v1/sessions/{id}/events}: the session's own stream, in order, with its actors.
 */
class SessionHistoryTest extends ReadSideTest {

  @Autowired SessionController sessions;

  @Test
  void theHistoryIsEveryEventInOrderWithTypeTimeActorAndPayload() {
    String org = newId();
    String sessionId = newId();
    Requester alice = requester("alice-" + org, org, Role.USER);
    Requester agent = Requester.system(org);
    store(
        "Session",
        sessionId,
        alice,
        new SessionCreated(
            sessionId, org, alice.userId(), "t1", ReadModelPipelineTest.xterm(), null));
    awaitDispatched(sessionId); // no agent here: the dispatcher records why the session waits
    store(
        "Session",
        sessionId,
        agent,
        new SessionStarting(sessionId, org, "agent-1"),
        new SessionRunning(sessionId, org, "10.0.0.9:5900"));
    store("Session", sessionId, alice, new SessionHibernated(sessionId, org, "lunch"));
    store("Session", sessionId, alice, new SessionResumed(sessionId, org, "back"));
    store("Session", sessionId, alice, new SessionStopped(sessionId, org, "done"));

    // No waiting: the history is read from the event store, not from a projection.
    List<SessionEventEntry> history =
        sessions.events(caller(alice.userId(), org, Role.USER), sessionId).block().items();

    assertThat(history)
        .extracting(SessionEventEntry::type)
        .containsExactly(
            "SessionCreated",
            "SessionWaiting",
            "SessionStarting",
            "SessionRunning",
            "SessionHibernated",
            "SessionResumed",
            "SessionStopped");
    assertThat(history)
        .extracting(SessionEventEntry::sequence)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(history)
        .extracting(SessionEventEntry::actorId)
        .containsExactly(
            alice.userId(),
            "system:dispatcher",
            "system",
            "system",
            alice.userId(),
            alice.userId(),
            alice.userId());
    assertThat(history)
        .filteredOn(entry -> !entry.actorId().startsWith("system:"))
        .allSatisfy(entry -> assertThat(entry.requestId()).startsWith("test-"));
    for (int i = 1; i < history.size(); i++) {
      assertThat(history.get(i).occurredAt()).isAfterOrEqualTo(history.get(i - 1).occurredAt());
    }
    assertThat(history.get(0).payload().get("template").get("display_name").asString())
        .isEqualTo("XTerm");
    assertThat(history.get(1).payload().get("reason").asString())
        .isEqualTo("waiting for an agent: none is connected");
    assertThat(history.get(3).payload().get("vnc_endpoint").asString()).isEqualTo("10.0.0.9:5900");
    assertThat(history.get(4).payload().get("reason").asString()).isEqualTo("lunch");
  }

  @Test
  void theHistoryIsHiddenFromOtherUsersAndOrganizations() {
    String org = newId();
    String sessionId = newId();
    Requester alice = requester("alice-" + org, org, Role.USER);
    store(
        "Session",
        sessionId,
        alice,
        new SessionCreated(
            sessionId, org, alice.userId(), "t1", ReadModelPipelineTest.xterm(), null));
    awaitDispatched(sessionId);

    assertNotFound(caller("bob-" + org, org, Role.USER), sessionId);
    assertNotFound(caller("gus", newId(), Role.ORG_ADMIN), sessionId);
    assertNotFound(caller(alice.userId(), org, Role.USER), newId());
    assertThat(sessions.events(caller("carol", org, Role.ORG_ADMIN), sessionId).block().items())
        .extracting(SessionEventEntry::type)
        .containsExactly("SessionCreated", "SessionWaiting");
  }

  @Test
  void anotherAggregatesIdIsNotASession() {
    String org = newId();
    store(
        "Organization",
        org,
        requester("root", "platform", Role.SYSTEM_ADMIN),
        new io.streamspace.events.organization.OrganizationCreated(
            org, "o-" + org, "O", new io.streamspace.events.organization.Quota(1, 1, 1)));

    assertNotFound(caller("root", "platform", Role.SYSTEM_ADMIN), org);
  }

  private void assertNotFound(Caller caller, String sessionId) {
    assertThatThrownBy(() -> sessions.events(caller, sessionId).block())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
  }
}
