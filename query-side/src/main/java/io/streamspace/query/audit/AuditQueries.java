package io.streamspace.query.audit;

import io.r2dbc.spi.Row;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import io.streamspace.query.paging.ReadTable;
import io.streamspace.query.paging.SqlCriteria;
import io.streamspace.query.projection.EventJson;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reads {@code audit_log} through R2DBC, newest first by position in the event store. */
@Repository
public class AuditQueries {

  static final String LIST = "audit";

  private static final String COLUMNS =
      "global_index, event_id, event_type, aggregate_type, resource_id, organization_id,"
          + " actor_id, request_id, client_ip, user_agent, occurred_at, payload::text as payload";

  private final ReadTable<AuditEntry> table;

  public AuditQueries(DatabaseClient db) {
    this.table = new ReadTable<>(db, "audit_log", COLUMNS, LIST, AuditQueries::map);
  }

  /**
   * What an audit request asks for, after access rules have narrowed it.
   *
   * @param organizationId empty only for a system admin reading every organization
   * @param from inclusive lower bound of the event time
   * @param to exclusive upper bound of the event time
   */
  public record Filter(
      Optional<String> organizationId,
      Optional<Instant> from,
      Optional<Instant> to,
      Optional<String> actorId,
      Optional<String> eventType,
      Optional<String> resourceId) {}

  public Mono<Page<AuditEntry>> list(Filter filter, PageRequest page) {
    SqlCriteria criteria = new SqlCriteria();
    filter
        .organizationId()
        .ifPresent(org -> criteria.and("organization_id = :organizationId", "organizationId", org));
    filter.from().ifPresent(from -> criteria.and("occurred_at >= :from", "from", from));
    filter.to().ifPresent(to -> criteria.and("occurred_at < :to", "to", to));
    filter.actorId().ifPresent(actor -> criteria.and("actor_id = :actorId", "actorId", actor));
    filter
        .eventType()
        .ifPresent(type -> criteria.and("event_type = :eventType", "eventType", type));
    filter
        .resourceId()
        .ifPresent(resource -> criteria.and("resource_id = :resourceId", "resourceId", resource));
    page.after()
        .ifPresent(token -> criteria.and("global_index < :after", "after", token.longKey(0)));
    return table.page(
        criteria, "global_index desc", page, entry -> List.of(Long.toString(entry.position())));
  }

  private static AuditEntry map(Row row) {
    return new AuditEntry(
        row.get("global_index", Long.class),
        row.get("event_id", String.class),
        row.get("event_type", String.class),
        row.get("aggregate_type", String.class),
        row.get("resource_id", String.class),
        row.get("organization_id", String.class),
        row.get("actor_id", String.class),
        row.get("request_id", String.class),
        row.get("client_ip", String.class),
        row.get("user_agent", String.class),
        row.get("occurred_at", Instant.class),
        EventJson.parse(row.get("payload", String.class)));
  }
}
