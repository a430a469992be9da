package io.streamspace.query.session;

import io.r2dbc.spi.Row;
import io.streamspace.events.common.Resources;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import io.streamspace.query.paging.ReadTable;
import io.streamspace.query.paging.SqlCriteria;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads {@code session_view} through R2DBC, newest sessions first. */
@Repository
public class SessionQueries {

  static final String LIST = "sessions";

  private static final String COLUMNS =
      "id, organization_id, user_id, template_id, template_name, status, status_reason,"
          + " cpu_millis, memory_mb, agent_id, created_at, updated_at, running_since,"
          // Read from the agents read model, not kept per session: whether an agent is connected is
          // the agent's fact, and copying it into sessions would depend on the order two
          // processors'
          // segments see the agent's and the session's events in.
          + " (select a.state = 'connected' from agent_view a where a.id = session_view.agent_id)"
          + " as agent_connected";

  private final ReadTable<SessionView> table;
  private final DatabaseClient db;

  public SessionQueries(DatabaseClient db) {
    this.db = db;
    this.table = new ReadTable<>(db, "session_view", COLUMNS, LIST, SessionQueries::map);
  }

  /** What a list request asks for, after access rules have narrowed it. */
  public record Filter(
      String organizationId, Optional<String> userId, Optional<SessionStatus> status) {}

  public Mono<Page<SessionView>> list(Filter filter, PageRequest page) {
    SqlCriteria criteria =
        new SqlCriteria()
            .and("organization_id = :organizationId", "organizationId", filter.organizationId());
    filter.userId().ifPresent(user -> criteria.and("user_id = :userId", "userId", user));
    filter
        .status()
        .ifPresent(status -> criteria.and("status = :status", "status", status.wireName()));
    page.after()
        .ifPresent(
            token ->
                criteria.and(
                    "(created_at, id) < (:afterCreatedAt, :afterId)",
                    "afterCreatedAt",
                    token.instantKey(0),
                    "afterId",
                    token.key(1)));
    return table.page(
        criteria,
        "created_at desc, id desc",
        page,
        session -> List.of(session.createdAt().toString(), session.id()));
  }

  public Mono<SessionView> find(String id) {
    return table.find(id);
  }

  /**
   * Those of {@code ids} that exist (any order, no access rules: for the platform's own checks).
   */
  public Flux<SessionView> findAll(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("select " + COLUMNS + " from session_view where id = any(:ids)")
        .bind("ids", ids.toArray(String[]::new))
        .map((row, metadata) -> map(row))
        .all();
  }

  private static SessionView map(Row row) {
    return new SessionView(
        row.get("id", String.class),
        row.get("organization_id", String.class),
        row.get("user_id", String.class),
        row.get("template_id", String.class),
        row.get("template_name", String.class),
        SessionStatus.fromWireName(row.get("status", String.class)),
        row.get("status_reason", String.class),
        new Resources(row.get("cpu_millis", Integer.class), row.get("memory_mb", Integer.class)),
        row.get("agent_id", String.class),
        row.get("agent_connected", Boolean.class),
        row.get("created_at", Instant.class),
        row.get("updated_at", Instant.class),
        row.get("running_since", Instant.class));
  }
}
