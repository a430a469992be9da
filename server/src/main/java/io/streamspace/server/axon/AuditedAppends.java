package io.streamspace.server.axon;

import io.streamspace.query.audit.AuditSubject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Appends events as Axon does, and files each under what the audit log reads it by ({@link
 * AuditSubject}) in the same row: the event store is the audit log (ADR 0019), so a command's
 * events are audited in its own transaction, with no read model to write, fall behind or replay.
 */
final class AuditedAppends implements AppendEventsStatementBuilder {

  @Override
  public PreparedStatement build(
      Connection connection,
      EventSchema schema,
      Class<?> dataType,
      List<? extends EventMessage<?>> events,
      Serializer serializer,
      TimestampWriter timestampWriter)
      throws SQLException {
    PreparedStatement statement =
        connection.prepareStatement(
            "insert into "
                + schema.domainEventTable()
                + " ("
                + schema.domainEventFields()
                + ", event_type, organization_id, actor_id, resource_id, occurred_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (EventMessage<?> message : events) {
      DomainEventMessage<?> event = asDomainEventMessage(message);
      SerializedObject<?> payload = event.serializePayload(serializer, dataType);
      SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
      AuditSubject subject = AuditSubject.of(event);
      statement.setString(1, event.getIdentifier());
      statement.setString(2, event.getAggregateIdentifier());
      statement.setLong(3, event.getSequenceNumber());
      statement.setString(4, event.getType());
      timestampWriter.writeTimestamp(statement, 5, event.getTimestamp());
      statement.setString(6, payload.getType().getName());
      statement.setString(7, payload.getType().getRevision());
      statement.setObject(8, payload.getData());
      statement.setObject(9, metaData.getData());
      statement.setString(10, subject.eventType());
      statement.setString(11, subject.organizationId());
      statement.setString(12, subject.actorId());
      statement.setString(13, subject.resourceId());
      // the time as the event store's text keeps it, to the millisecond
      statement.setObject(
          14,
          OffsetDateTime.ofInstant(
              event.getTimestamp().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
      statement.addBatch();
    }
    return statement;
  }

  // as Axon's own statement files an event published without an aggregate: under its message id
  private static DomainEventMessage<?> asDomainEventMessage(EventMessage<?> event) {
    return event instanceof DomainEventMessage<?> domainEvent
        ? domainEvent
        : new GenericDomainEventMessage<>(
            null, event.getIdentifier(), 0L, event, event::getTimestamp);
  }
}
