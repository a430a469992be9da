package io.streamspace.server.axon;

import io.streamspace.query.audit.EventPositions;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An event's exact position, read from the event store by its id. Axon's gap-aware token names the
 * furthest position seen, so an event that committed after later ones would otherwise take another
 * event's position (and the audit log, keyed by position, would drop it).
 *
 * <p>In a processor's batch the positions of all the batch's events are read with the first one, in
 * one query, and kept for the batch: one round trip per batch instead of one per event, on the
 * thread that commits the read models.
 */
@Component
class StoredEventPositions implements EventPositions {

  private static final String BATCH_POSITIONS = StoredEventPositions.class.getName() + ".batch";

  private final JdbcTemplate jdbc;

  StoredEventPositions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public long of(TrackedEventMessage<?> event) {
    if (CurrentUnitOfWork.isStarted()
        && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch) {
      Map<String, Long> positions =
          batch.getOrComputeResource(BATCH_POSITIONS, key -> positionsOf(batch));
      Long position = positions.get(event.getIdentifier());
      if (position != null) {
        return position;
      }
    }
    return positionsOf(List.of(event.getIdentifier()))
        .getOrDefault(event.getIdentifier(), FROM_TOKEN.of(event));
  }

  private Map<String, Long> positionsOf(BatchingUnitOfWork<?> batch) {
    return positionsOf(batch.getMessages().stream().map(Message::getIdentifier).toList());
  }

  private Map<String, Long> positionsOf(List<String> eventIds) {
    Map<String, Long> positions = new HashMap<>();
    jdbc.query(
        connection -> {
          PreparedStatement statement =
              connection.prepareStatement(
                  "select event_identifier, global_index from domain_event_entry"
                      + " where event_identifier = any(?)");
          statement.setArray(
              1, connection.createArrayOf("varchar", eventIds.toArray(String[]::new)));
          return statement;
        },
        row -> {
          positions.put(row.getString(1), row.getLong(2));
        });
    return positions;
  }
}
