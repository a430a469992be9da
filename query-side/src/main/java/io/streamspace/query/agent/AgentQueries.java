package io.streamspace.query.agent;

import io.r2dbc.spi.Row;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import io.streamspace.query.paging.ReadTable;
import io.streamspace.query.paging.SqlCriteria;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Reads agents through R2DBC, by id: {@code agent_view} joined at read time with the last heartbeat
 * in {@code agent_presence} and the count of live sessions placed on each agent in {@code
 * session_view}. Heartbeats change every few seconds, so they are joined rather than projected.
 */
@Repository
public class AgentQueries {

  static final String LIST = "agents";

  private static final String AGENTS =
      """
      (select a.id, a.backend, a.version, a.capacity_sessions, a.capacity_cpu_millis,
              a.capacity_memory_mb, a.state, a.token_id, a.connected_at, a.disconnected_at,
              a.disconnect_reason, p.last_heartbeat_at, p.cpu_millis_used, p.memory_mb_used,
              p.load_average,
              (select count(*) from session_view s
                where s.agent_id = a.id and s.status not in ('stopped', 'failed')) as live_sessions
         from agent_view a left join agent_presence p on p.agent_id = a.id) agents\
      """;

  private static final String COLUMNS =
      "id, backend, version, capacity_sessions, capacity_cpu_millis, capacity_memory_mb, state,"
          + " token_id, connected_at, disconnected_at, disconnect_reason, last_heartbeat_at,"
          + " cpu_millis_used, memory_mb_used, load_average, live_sessions";

  private final ReadTable<AgentView> table;
  private final Clock clock = Clock.systemUTC();

  public AgentQueries(DatabaseClient db) {
    this.table = new ReadTable<>(db, AGENTS, COLUMNS, LIST, this::map);
  }

  /** One page of agents in id order, only those in {@code state} when given. */
  public Mono<Page<AgentView>> list(Optional<String> state, PageRequest page) {
    SqlCriteria criteria = new SqlCriteria();
    state.ifPresent(s -> criteria.and("state = :state", "state", s));
    page.after().ifPresent(token -> criteria.and("id > :afterId", "afterId", token.key(0)));
    return table.page(criteria, "id", page, agent -> List.of(agent.id()));
  }

  public Mono<AgentView> find(String id) {
    return table.find(id);
  }

  private AgentView map(Row row) {
    Instant lastHeartbeat = row.get("last_heartbeat_at", Instant.class);
    Long age =
        lastHeartbeat == null
            ? null
            : Math.max(0, Duration.between(lastHeartbeat, clock.instant()).toSeconds());
    Long live = row.get("live_sessions", Long.class);
    return new AgentView(
        row.get("id", String.class),
        row.get("backend", String.class),
        row.get("state", String.class),
        row.get("version", String.class),
        new AgentView.Capacity(
            row.get("capacity_sessions", Integer.class),
            row.get("capacity_cpu_millis", Integer.class),
            row.get("capacity_memory_mb", Integer.class)),
        new AgentView.Load(
            live == null ? 0 : live,
            row.get("cpu_millis_used", Integer.class),
            row.get("memory_mb_used", Integer.class),
            row.get("load_average", Double.class)),
        lastHeartbeat,
        age,
        row.get("connected_at", Instant.class),
        row.get("disconnected_at", Instant.class),
        row.get("disconnect_reason", String.class),
        row.get("token_id", String.class));
  }
}
