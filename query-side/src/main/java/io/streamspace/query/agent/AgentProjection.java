package io.streamspace.query.agent;

import static io.streamspace.query.projection.ProjectionSql.utc;

import io.streamspace.events.agent.AgentConnected;
import io.streamspace.events.agent.AgentDisconnected;
import io.streamspace.query.projection.ProjectionGroups;
import java.time.Instant;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code agent_view} in step with the agents' connection history: what each agent offers and
 * whether it is connected. Heartbeats and usage are not events; the read joins them in from {@code
 * agent_presence}.
 *
 * <p>Every write is guarded by the agent's sequence number, so a redelivered or late event changes
 * nothing.
 */
@Component
@ProcessingGroup(ProjectionGroups.AGENTS)
public class AgentProjection {

  private final JdbcTemplate jdbc;

  public AgentProjection(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @EventHandler
  void on(AgentConnected event, @SequenceNumber long sequence, @Timestamp Instant at) {
    jdbc.update(
        """
        insert into agent_view (id, backend, version, capacity_sessions, capacity_cpu_millis,
            capacity_memory_mb, state, token_id, connection_id, connected_at, disconnected_at,
            disconnect_reason, updated_at, last_event_sequence)
        values (?, ?, ?, ?, ?, ?, 'connected', ?, ?, ?, null, null, ?, ?)
        on conflict (id) do update
           set backend = excluded.backend, version = excluded.version,
               capacity_sessions = excluded.capacity_sessions,
               capacity_cpu_millis = excluded.capacity_cpu_millis,
               capacity_memory_mb = excluded.capacity_memory_mb, state = 'connected',
               token_id = excluded.token_id, connection_id = excluded.connection_id,
               connected_at = excluded.connected_at, disconnected_at = null,
               disconnect_reason = null, updated_at = excluded.updated_at,
               last_event_sequence = excluded.last_event_sequence
         where agent_view.last_event_sequence < excluded.last_event_sequence
        """,
        event.agentId(),
        event.backend().wireName(),
        event.version(),
        event.capacity().sessions(),
        event.capacity().cpuMillis(),
        event.capacity().memoryMb(),
        event.tokenId(),
        event.connectionId(),
        utc(at),
        utc(at),
        sequence);
  }

  @EventHandler
  void on(AgentDisconnected event, @SequenceNumber long sequence, @Timestamp Instant at) {
    jdbc.update(
        """
        update agent_view
           set state = 'disconnected', disconnected_at = ?, disconnect_reason = ?,
               updated_at = ?, last_event_sequence = ?
         where id = ? and last_event_sequence < ?
        """,
        utc(at),
        event.reason(),
        utc(at),
        sequence,
        event.agentId(),
        sequence);
  }

  /**
   * Replay starts from an empty table; the reset runs in the transaction that resets the tokens.
   */
  @ResetHandler
  void reset() {
    jdbc.update("delete from agent_view");
  }
}
