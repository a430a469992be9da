package io.streamspace.query.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.AgentConnected;
import io.streamspace.events.agent.AgentDisconnected;
import io.streamspace.events.agent.BackendKind;
import io.streamspace.query.support.EventLog;
import io.streamspace.query.support.Projector;
import io.streamspace.query.support.ReadModelDatabase;
import java.util.Map;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentProjectionTest {

  private final EventLog log = new EventLog().actor("system", "platform");
  private Projector projector;

  @BeforeEach
  void emptyTable() {
    ReadModelDatabase.clear();
    ReadModelDatabase.jdbc().execute("truncate agent_view");
    projector = new Projector(new AgentProjection(ReadModelDatabase.dataSource()));
  }

  @Test
  void aConnectedAgentIsRecordedWithWhatItOffers() {
    projector.apply(log.next("Agent", "a1", connected("c1")));

    assertThat(row("a1"))
        .containsEntry("backend", "kubernetes")
        .containsEntry("version", "2.0")
        .containsEntry("capacity_sessions", 10)
        .containsEntry("capacity_cpu_millis", 8000)
        .containsEntry("capacity_memory_mb", 16384)
        .containsEntry("state", "connected")
        .containsEntry("token_id", "t1")
        .containsEntry("connection_id", "c1")
        .containsEntry("disconnected_at", null)
        .containsEntry("last_event_sequence", 0L);
  }

  @Test
  void aDisconnectKeepsWhenAndWhyAndAReconnectClearsIt() {
    projector.apply(
        log.next("Agent", "a1", connected("c1")),
        log.next("Agent", "a1", new AgentDisconnected("a1", "c1", "3 heartbeats missed")));
    assertThat(row("a1"))
        .containsEntry("state", "disconnected")
        .containsEntry("disconnect_reason", "3 heartbeats missed");
    assertThat(row("a1").get("disconnected_at")).isNotNull();

    projector.apply(log.next("Agent", "a1", connected("c2")));
    assertThat(row("a1"))
        .containsEntry("state", "connected")
        .containsEntry("connection_id", "c2")
        .containsEntry("disconnected_at", null)
        .containsEntry("disconnect_reason", null);
  }

  @Test
  void aRedeliveredOlderEventChangesNothing() {
    TrackedEventMessage<?> connect = log.next("Agent", "a1", connected("c1"));
    TrackedEventMessage<?> disconnect =
        log.next("Agent", "a1", new AgentDisconnected("a1", "c1", "closed"));
    projector.apply(connect, disconnect);
    Map<String, Object> before = row("a1");

    projector.apply(connect, disconnect);

    assertThat(row("a1")).isEqualTo(before).containsEntry("state", "disconnected");
  }

  @Test
  void aResetEmptiesTheTableForReplay() {
    projector.apply(log.next("Agent", "a1", connected("c1")));

    projector.reset();

    assertThat(
            ReadModelDatabase.jdbc().queryForObject("select count(*) from agent_view", Long.class))
        .isZero();
  }

  private static AgentConnected connected(String connectionId) {
    return new AgentConnected(
        "a1",
        "t1",
        BackendKind.KUBERNETES,
        new AgentCapacity(10, 8000, 16384),
        "2.0",
        connectionId);
  }

  private static Map<String, Object> row(String id) {
    return ReadModelDatabase.jdbc().queryForMap("select * from agent_view where id = ?", id);
  }
}
