package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.FailSession;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.server.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the tests with agents: an application context of their own (agents take every session of
 * their context), with heartbeats and timeouts short enough to watch.
 */
@TestPropertySource(
    properties = {
      "streamspace.agents.heartbeat-interval=1s",
      "streamspace.agents.missed-heartbeats=3",
      "streamspace.agents.pending-timeout=10s",
      "streamspace.agents.starting-timeout=45s",
      "streamspace.agents.sweep-interval=300ms"
    })
public abstract class AgentIntegrationTest extends IntegrationTest {

  protected static final Requester ROOT = new Requester("root", "platform", Role.SYSTEM_ADMIN);

  @LocalServerPort protected int port;

  /**
   * A clean slate: agents of earlier tests are gone, and their sessions have ended, so nothing of
   * theirs is placed on this test's agents.
   */
  @BeforeEach
  protected void noAgentOrSessionOfAnotherTestIsLeft() {
    eventually(
        () ->
            assertThat(
                    jdbc.queryForObject(
                        "select count(*) from dispatch_agent where connected", Integer.class))
                .isZero());
    for (String sessionId :
        jdbc.queryForList("select session_id from dispatch_session", String.class)) {
      try {
        send(new FailSession(sessionId, ROOT, "ended before the next test"), ROOT);
      } catch (RuntimeException alreadyEnded) {
        // it ended by itself meanwhile
      }
    }
  }

  /** A new agent token, as a system admin issues it. */
  protected String issueAgentToken(String name) {
    Map<?, ?> issued =
        as(ROOT)
            .post()
            .uri("/api/v1/agents/tokens")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (String) issued.get("token");
  }

  protected WebTestClient as(Requester requester) {
    return client.mutate().defaultHeader("Authorization", "Bearer " + tokenFor(requester)).build();
  }

  protected Tenant tenant() {
    return newTenant(new Quota(10, 10_000, 10_000), new Resources(500, 256));
  }

  /** Creates a session over the API and returns its id. */
  protected String createSession(Tenant tenant, Requester user) {
    return createSession(tenant.templateId(), user);
  }

  /** Creates a session of {@code templateId} over the API and returns its id. */
  protected String createSession(String templateId, Requester user) {
    Map<?, ?> created =
        as(user)
            .post()
            .uri("/api/v1/sessions")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("template_id", templateId))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (String) created.get("id");
  }

  @SuppressWarnings("unchecked")
  protected Map<String, Object> session(Requester requester, String sessionId) {
    return as(requester)
        .get()
        .uri("/api/v1/sessions/{id}", sessionId)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  protected void awaitStatus(Requester requester, String sessionId, SessionStatus status) {
    eventually(
        () -> assertThat(session(requester, sessionId).get("status")).isEqualTo(status.wireName()));
  }

  /**
   * Waits (bounded) until {@code assertion} holds. A row the dispatcher or a read model has not
   * written yet is waited for too: they take in events once per wake interval.
   */
  protected static void eventually(ThrowingRunnable assertion) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .ignoreException(EmptyResultDataAccessException.class)
        .untilAsserted(assertion);
  }

  protected static <T> T eventuallyGet(Callable<T> supplier) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(supplier, value -> value != null);
  }

  protected void awaitConnected(String agentId) {
    eventually(
        () ->
            assertThat(
                    jdbc.queryForList(
                        "select connected from dispatch_agent where agent_id = ?",
                        Boolean.class,
                        agentId))
                .containsExactly(true));
  }

  /** Where the session's VNC server listens, as its agent reported it. */
  protected String vncEndpoint(String sessionId) {
    return jdbc.queryForObject(
        "select vnc_endpoint from session_view where id = ?", String.class, sessionId);
  }

  /** A fresh data directory for an agent process. */
  protected static java.nio.file.Path agentDir() {
    return newDataDirectory().resolve("agent");
  }
}
