package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.AgentConnected;
import io.streamspace.events.agent.AgentConnectionRefused;
import io.streamspace.events.agent.AgentDisconnected;
import io.streamspace.events.agent.BackendKind;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.session.SessionAssigned;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.events.template.TemplateDefinition;
import io.streamspace.server.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code GET /api/v1/agents}: the agents read model projected from the agents' connection events,
 * joined with their last heartbeat and the live sessions placed on them; a system admin's view.
 *
 * <p>The events are appended to the real event store as the agent aggregate appends them (type
 * {@code Agent}, one stream per agent id), so the projection is tested on what it will really read.
 */
class AgentsReadApiTest extends IntegrationTest {

  @Autowired EventStore eventStore;
  @Autowired EventGateway eventGateway;

  private final String org = newId();
  private final Requester root = new Requester("root-" + org, org, Role.SYSTEM_ADMIN);
  private final Requester system = Requester.system(org);
  private final Map<String, String> connections = new java.util.HashMap<>();

  @Test
  void aConnectedAgentIsListedWithItsCapacityHeartbeatAndLoad() {
    String agent = "agent-" + newId();
    connect(agent, "c1");
    Instant heartbeat = Instant.now().minusSeconds(7).truncatedTo(ChronoUnit.SECONDS);
    jdbc.update(
        "insert into agent_presence (agent_id, last_heartbeat_at, sessions, cpu_millis_used,"
            + " memory_mb_used, load_average, updated_at) values (?, ?, 2, 750, 1024, 0.5, now())",
        agent,
        heartbeat.atOffset(ZoneOffset.UTC));
    String running = newId();
    String stopped = newId();
    session(running, agent, false);
    session(stopped, agent, true);

    eventually(
        () -> {
          Map<String, Object> item = get(root, agent);
          assertThat(item.get("id")).isEqualTo(agent);
          assertThat(item.get("backend")).isEqualTo("local");
          assertThat(item.get("state")).isEqualTo("connected");
          assertThat(item.get("version")).isEqualTo("1.2.3");
          assertThat(item.get("capacity"))
              .isEqualTo(Map.of("sessions", 4, "cpu_millis", 1, "memory_mb", 1));
          assertThat(item.get("load"))
              .isEqualTo(
                  Map.of(
                      "sessions", 1,
                      "cpu_millis_used", 750,
                      "memory_mb_used", 1024,
                      "load_average", 0.5));
          assertThat(Instant.parse((String) item.get("last_heartbeat_at"))).isEqualTo(heartbeat);
          assertThat(((Number) item.get("heartbeat_age_seconds")).longValue()).isBetween(7L, 60L);
          assertThat(item.get("connected_at")).isNotNull();
          assertThat(item.get("disconnected_at")).isNull();
          assertThat(item.get("disconnect_reason")).isNull();
          assertThat(item.get("token_id")).isEqualTo("token-" + agent);
        });
    assertThat(listAll(root, "")).extracting(i -> i.get("id")).contains(agent);
  }

  @Test
  void aDisconnectedAgentShowsWhenAndWhyAndComesBackOnReconnect() {
    String agent = "agent-" + newId();
    connect(agent, "c1");
    disconnect(agent, "c1", "3 heartbeats missed");

    eventually(
        () -> {
          Map<String, Object> item = get(root, agent);
          assertThat(item.get("state")).isEqualTo("disconnected");
          assertThat(item.get("disconnected_at")).isNotNull();
          assertThat(item.get("disconnect_reason")).isEqualTo("3 heartbeats missed");
          assertThat(item.get("last_heartbeat_at")).isNull();
          assertThat(item.get("heartbeat_age_seconds")).isNull();
          assertThat(item.get("load"))
              .isEqualTo(
                  nullable(
                      "sessions", 0,
                      "cpu_millis_used", null,
                      "memory_mb_used", null,
                      "load_average", null));
        });

    connect(agent, "c2");
    eventually(
        () -> {
          Map<String, Object> item = get(root, agent);
          assertThat(item.get("state")).isEqualTo("connected");
          assertThat(item.get("disconnected_at")).isNull();
          assertThat(item.get("disconnect_reason")).isNull();
        });
  }

  @Test
  void theStateFilterListsOnlyAgentsInThatState() {
    String up = "agent-up-" + newId();
    String down = "agent-down-" + newId();
    connect(up, "c1");
    connect(down, "c1");
    disconnect(down, "c1", "closed");

    eventually(
        () -> {
          assertThat(listAll(root, "&state=connected"))
              .extracting(i -> i.get("id"))
              .contains(up)
              .doesNotContain(down);
          assertThat(listAll(root, "&state=disconnected"))
              .extracting(i -> i.get("id"))
              .contains(down)
              .doesNotContain(up);
        });
    assertThat(listAll(root, "&state=connected"))
        .allSatisfy(item -> assertThat(item.get("state")).isEqualTo("connected"));
  }

  @Test
  void theListPagesInIdOrderWithoutRepeatsOrGaps() {
    for (int i = 0; i < 3; i++) {
      String agent = "agent-page-" + i + "-" + newId();
      connect(agent, "c1");
    }
    eventually(
        () ->
            assertThat(
                    jdbc.queryForObject(
                        "select count(*) from agent_view where id like 'agent-page-%'", Long.class))
                .isGreaterThanOrEqualTo(3));

    List<Object> seen = new ArrayList<>();
    String token = null;
    do {
      Map<String, Object> page =
          page(root, "/api/v1/agents?page_size=2" + (token == null ? "" : "&page_token=" + token));
      assertThat((List<?>) page.get("items")).hasSizeLessThanOrEqualTo(2);
      ((List<?>) page.get("items")).forEach(item -> seen.add(asMap(item).get("id")));
      token = (String) page.get("next_page_token");
    } while (token != null);

    assertThat(seen)
        .containsExactlyElementsOf(
            jdbc.queryForList("select id from agent_view order by id", Object.class));
  }

  @Test
  void badParametersAre400() {
    for (String query :
        List.of("state=busy", "state=CONNECTED", "page_size=0", "page_size=x", "page_token=zz")) {
      as(root)
          .get()
          .uri("/api/v1/agents?" + query)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
  }

  @Test
  void anUnknownAgentIs404() {
    as(root)
        .get()
        .uri("/api/v1/agents/no-such-agent")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("agent no-such-agent not found");
  }

  @Test
  void onlyASystemAdminSeesAgents() {
    String agent = "agent-" + newId();
    connect(agent, "c1");
    eventually(() -> get(root, agent));

    for (Role role : List.of(Role.ORG_ADMIN, Role.USER)) {
      WebTestClient other = as(new Requester(role.wireName() + "-" + org, org, role));
      other
          .get()
          .uri("/api/v1/agents")
          .exchange()
          .expectStatus()
          .isForbidden()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON);
      other
          .get()
          .uri("/api/v1/agents/" + agent)
          .exchange()
          .expectStatus()
          .isForbidden()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
  }

  @Test
  void connectionsAndRefusalsAreAuditedForSystemAdminsOnly() {
    String agent = "agent-" + newId();
    connect(agent, "c1");
    disconnect(agent, "c1", "closed");
    String intruder = "intruder-" + newId();
    // A refusal belongs to no aggregate: the endpoint publishes it as a plain event.
    eventGateway.publish(
        new AgentConnectionRefused(intruder, "unknown agent token", "203.0.113.7:40000"));

    eventually(
        () -> {
          List<Map<String, Object>> connection = audit(root, "resource_id=" + agent);
          assertThat(connection)
              .extracting(e -> e.get("event_type"))
              .containsExactly("AgentDisconnected", "AgentConnected");
          assertThat(connection)
              .allSatisfy(
                  e -> {
                    assertThat(e.get("resource_type")).isEqualTo("Agent");
                    assertThat(e.get("organization_id")).isNull();
                    assertThat(e.get("actor_id")).isEqualTo("system");
                  });

          List<Map<String, Object>> refused = audit(root, "resource_id=" + intruder);
          assertThat(refused).hasSize(1);
          Map<String, Object> entry = refused.get(0);
          assertThat(entry.get("event_type")).isEqualTo("AgentConnectionRefused");
          assertThat(entry.get("resource_type")).isNull();
          assertThat(entry.get("organization_id")).isNull();
          assertThat(asMap(entry.get("payload")).get("reason")).isEqualTo("unknown agent token");
          assertThat(asMap(entry.get("payload")).get("remote_address"))
              .isEqualTo("203.0.113.7:40000");
        });

    // org admins read their organization's log; platform-wide entries are in no organization
    Requester orgAdmin = new Requester("org-admin-" + org, org, Role.ORG_ADMIN);
    assertThat(audit(orgAdmin, "resource_id=" + agent)).isEmpty();
    assertThat(audit(orgAdmin, "resource_id=" + intruder)).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Connects an agent that does not exist, as the agent aggregate records it. The platform's
   * dispatcher sees it too: its capacity fits no real session (1 millicore, 1 MiB), so no session
   * of another test is ever placed on it.
   */
  private void connect(String agent, String connectionId) {
    store(agent, connected(agent, connectionId));
    connections.put(agent, connectionId);
  }

  private void disconnect(String agent, String connectionId, String reason) {
    store(agent, new AgentDisconnected(agent, connectionId, reason));
    connections.remove(agent);
  }

  /** Other tests share this context: none of them may find one of these agents connected. */
  @AfterEach
  void disconnectThisTestsAgents() {
    Map.copyOf(connections)
        .forEach((agent, connection) -> disconnect(agent, connection, "test over"));
  }

  private static AgentConnected connected(String agent, String connectionId) {
    return new AgentConnected(
        agent,
        "token-" + agent,
        BackendKind.LOCAL,
        new AgentCapacity(4, 1, 1),
        "1.2.3",
        connectionId);
  }

  /** Appends {@code payload} to the agent's stream, as the agent aggregate would. */
  private void store(String agentId, Object payload) {
    storeIn("Agent", agentId, payload);
  }

  private void storeIn(String type, String aggregateId, Object payload) {
    // The platform's own dispatcher appends to a session it sees created (its waiting reason):
    // when it wins the race for a sequence number, append after its event.
    for (int attempt = 0; ; attempt++) {
      long next = eventStore.lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
      List<DomainEventMessage<?>> events =
          List.of(
              new GenericDomainEventMessage<>(
                  type, aggregateId, next, payload, auditMetadata(system)));
      try {
        DefaultUnitOfWork.startAndGet(null).execute(() -> eventStore.publish(events));
        return;
      } catch (ConcurrencyException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  /** A session placed on {@code agent}, live or ended. */
  private void session(String sessionId, String agent, boolean ended) {
    storeIn("Session", sessionId, new SessionCreated(sessionId, org, "alice", "t1", xterm(), null));
    storeIn("Session", sessionId, new SessionAssigned(sessionId, org, agent, "order-" + sessionId));
    if (ended) {
      storeIn("Session", sessionId, new SessionStopped(sessionId, org, "done"));
    }
  }

  private static TemplateDefinition xterm() {
    return new TemplateDefinition(
        "xterm",
        "XTerm",
        null,
        null,
        List.of(),
        null,
        null,
        List.of("xterm"),
        new Resources(500, 256),
        5900,
        Map.of());
  }

  private Map<String, Object> get(Requester requester, String agent) {
    return as(requester)
        .get()
        .uri("/api/v1/agents/" + agent)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private Map<String, Object> page(Requester requester, String uri) {
    return as(requester)
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private List<Map<String, Object>> listAll(Requester requester, String filter) {
    List<Map<String, Object>> all = new ArrayList<>();
    String token = null;
    do {
      Map<String, Object> page =
          page(
              requester,
              "/api/v1/agents?page_size=200"
                  + filter
                  + (token == null ? "" : "&page_token=" + token));
      ((List<?>) page.get("items")).forEach(item -> all.add(asMap(item)));
      token = (String) page.get("next_page_token");
    } while (token != null);
    return all;
  }

  private List<Map<String, Object>> audit(Requester requester, String query) {
    List<Map<String, Object>> entries = new ArrayList<>();
    ((List<?>) page(requester, "/api/v1/audit?" + query).get("items"))
        .forEach(entry -> entries.add(asMap(entry)));
    return entries;
  }

  private WebTestClient as(Requester requester) {
    String token = tokenFor(requester);
    return client.mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object json) {
    return (Map<String, Object>) json;
  }

  private static Map<String, Object> nullable(Object... keysAndValues) {
    Map<String, Object> map = new java.util.HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static void eventually(ThrowingRunnable assertion) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(assertion);
  }
}
