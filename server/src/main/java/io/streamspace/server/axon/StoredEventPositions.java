package io.streamspace.server.axon;

import io.streamspace.query.audit.EventPositions;
import java.util.List;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An event's exact position, read from the event store by its id. Axon's gap-aware token names the
 * furthest position seen, so an event that committed after later ones would otherwise take another
 * event's position (and the audit log, keyed by position, would drop it).
 */
@Component
class StoredEventPositions implements EventPositions {

  private final JdbcTemplate jdbc;

  StoredEventPositions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public long of(TrackedEventMessage<?> event) {
    List<Long> stored =
        jdbc.queryForList(
            "select global_index from domain_event_entry where event_identifier = ?",
            Long.class,
            event.getIdentifier());
    return stored.isEmpty() ? FROM_TOKEN.of(event) : stored.get(0);
  }
}
