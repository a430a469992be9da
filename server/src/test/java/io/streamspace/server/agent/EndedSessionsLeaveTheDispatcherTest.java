package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sessions that end close together, which the dispatcher forgets in one statement per batch, all
 * leave its tables, and a session still going stays.
 */
class EndedSessionsLeaveTheDispatcherTest extends AgentIntegrationTest {

  @Test
  void everySessionStoppedLeavesTheDispatchersTablesAndTheOneStillWaitingStays() {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    List<String> stopped = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      stopped.add(createSession(tenant, alice));
    }
    String kept = createSession(tenant, alice);
    eventually(() -> assertThat(dispatched(kept)).isOne());

    stopped.parallelStream()
        .forEach(
            sessionId ->
                as(alice)
                    .delete()
                    .uri("/api/v1/sessions/{id}", sessionId)
                    .exchange()
                    .expectStatus()
                    .isAccepted());

    eventually(
        () -> {
          for (String sessionId : stopped) {
            assertThat(dispatched(sessionId)).as(sessionId).isZero();
          }
        });
    assertThat(dispatched(kept)).isOne();
  }

  private int dispatched(String sessionId) {
    return jdbc.queryForObject(
        "select count(*) from dispatch_session where session_id = ?", Integer.class, sessionId);
  }
}
