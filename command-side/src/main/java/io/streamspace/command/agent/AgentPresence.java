package io.streamspace.command.agent;

import io.streamspace.events.agent.Heartbeat;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The latest heartbeat of each agent connected here, written to {@code agent_presence} in one batch
 * per sweep rather than one statement per heartbeat: a thousand agents cost one round trip a
 * second, not a hundred. Heartbeats are not events; only connects and disconnects are.
 */
@Component
class AgentPresence {

  private record Seen(Heartbeat heartbeat, Instant at) {}

  private final JdbcTemplate jdbc;
  private final Map<String, Seen> unwritten = new ConcurrentHashMap<>();

  AgentPresence(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void record(String agentId, Heartbeat heartbeat) {
    unwritten.put(agentId, new Seen(heartbeat, Instant.now()));
  }

  /** Writes what arrived since the last flush. Blocking. */
  void flush() {
    if (unwritten.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    for (String agentId : List.copyOf(unwritten.keySet())) {
      Seen seen = unwritten.remove(agentId);
      if (seen != null) {
        Heartbeat h = seen.heartbeat();
        Timestamp at = Timestamp.from(seen.at());
        rows.add(
            new Object[] {
              agentId,
              at,
              Math.max(0, h.sessions()),
              Math.max(0, h.cpuMillisUsed()),
              Math.max(0, h.memoryMbUsed()),
              Double.isFinite(h.loadAverage()) ? h.loadAverage() : 0.0,
              at
            });
      }
    }
    jdbc.batchUpdate(
        """
        insert into agent_presence (agent_id, last_heartbeat_at, sessions, cpu_millis_used,
            memory_mb_used, load_average, updated_at)
        values (?, ?, ?, ?, ?, ?, ?)
        on conflict (agent_id) do update set last_heartbeat_at = excluded.last_heartbeat_at,
            sessions = excluded.sessions, cpu_millis_used = excluded.cpu_millis_used,
            memory_mb_used = excluded.memory_mb_used, load_average = excluded.load_average,
            updated_at = excluded.updated_at
        """,
        rows);
  }
}
