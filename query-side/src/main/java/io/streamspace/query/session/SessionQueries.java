package io.streamspace.query.session;

import io.r2dbc.spi.Row;
import io.streamspace.events.common.Resources;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import io.streamspace.query.paging.ReadTable;
import io.streamspace.query.paging.SqlCriteria;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reads {@code session_view} through R2DBC, newest sessions first. */
@Repository
public class SessionQueries {

  static final String LIST = "sessions";

  private static final String COLUMNS =
      "id, organization_id, user_id, template_id, template_name, status, status_reason,"
          + " cpu_millis, memory_mb, agent_id, agent_connected, created_at, updated_at";

  private final ReadTable<SessionView> table;

  public SessionQueries(DatabaseClient db) {
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
        row.get("updated_at", Instant.class));
  }
}
