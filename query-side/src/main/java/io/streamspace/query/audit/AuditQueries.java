package io.streamspace.query.audit;

import io.r2dbc.spi.Row;
import io.streamspace.events.common.AuditMetadata;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import io.streamspace.query.paging.ReadTable;
import io.streamspace.query.paging.SqlCriteria;
import io.streamspace.query.projection.EventJson;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.NullNode;

/**
 * Reads the audit log through R2DBC, newest first by position: the event store itself, whose every
 * row carries what the log filters on ({@link AuditSubject}, written as the event is appended).
 */
@Repository
public class AuditQueries {

  static final String LIST = "audit";

  private static final String COLUMNS =
      "global_index, event_identifier, type, aggregate_identifier, sequence_number, time_stamp,"
          + " payload_type, payload_revision, payload, meta_data, event_type, organization_id,"
          + " actor_id, resource_id, occurred_at";

  private final ReadTable<AuditEntry> table;
  private final StoredEvents events;

  public AuditQueries(DatabaseClient db, StoredEvents events) {
    this.table = new ReadTable<>(db, "domain_event_entry", COLUMNS, LIST, this::map);
    this.events = events;
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
    // an aggregate's events name it as their aggregate, the others in resource_id
    filter
        .resourceId()
        .ifPresent(
            resource ->
                criteria.and(
                    "(resource_id = :resourceId"
                        + " or (aggregate_identifier = :resourceId and type is not null))",
                    "resourceId",
                    resource));
    page.after()
        .ifPresent(token -> criteria.and("global_index < :after", "after", token.longKey(0)));
    return table.page(
        criteria, "global_index desc", page, entry -> List.of(Long.toString(entry.position())));
  }

  private AuditEntry map(Row row) {
    String type = row.get("type", String.class);
    String aggregateId = row.get("aggregate_identifier", String.class);
    GenericDomainEventEntry<byte[]> stored =
        new GenericDomainEventEntry<>(
            type,
            aggregateId,
            row.get("sequence_number", Long.class),
            row.get("event_identifier", String.class),
            row.get("time_stamp", String.class),
            row.get("payload_type", String.class),
            row.get("payload_revision", String.class),
            bytes(row, "payload"),
            bytes(row, "meta_data"));
    long position = row.get("global_index", Long.class);
    // the event as it reads today; the upcasters here turn one stored event into one
    Optional<EventMessage<?>> event = events.read(position, stored).stream().findFirst();
    // the type the log's filter matches; upcasters here change an event's revision, not its type
    String eventType = row.get("event_type", String.class);
    return new AuditEntry(
        position,
        stored.getEventIdentifier(),
        eventType != null ? eventType : simpleName(stored.getPayload().getType().getName()),
        type,
        type != null ? aggregateId : row.get("resource_id", String.class),
        row.get("organization_id", String.class),
        row.get("actor_id", String.class),
        event.map(e -> metadata(e, AuditMetadata.REQUEST_ID)).orElse(null),
        event.map(e -> metadata(e, AuditMetadata.CLIENT_IP)).orElse(null),
        event.map(e -> metadata(e, AuditMetadata.USER_AGENT)).orElse(null),
        row.get("occurred_at", Instant.class),
        event.map(e -> EventJson.toTree(e.getPayload())).orElse(NullNode.getInstance()));
  }

  /** For a row not appended by the server's statement, which names no type of its own. */
  private static String simpleName(String className) {
    return className.substring(
        Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
  }

  private static byte[] bytes(Row row, String column) {
    ByteBuffer buffer = row.get(column, ByteBuffer.class);
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static String metadata(EventMessage<?> event, String key) {
    Object value = event.getMetaData().get(key);
    return value == null ? null : Objects.toString(value);
  }
}
