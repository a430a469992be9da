package io.streamspace.query.session;

import io.streamspace.events.common.AuditMetadata;
import io.streamspace.events.common.Caller;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.query.access.ReadAccess;
import io.streamspace.query.projection.AggregateStreams;
import io.streamspace.query.projection.EventJson;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A session's own event stream in the event store, read rather than a projection: it is the record
 * itself, never behind it. Serves the session's history, and the session itself while {@code
 * session_view} has not caught up with it yet.
 */
@Service
public class SessionHistory {

  private final EventStore eventStore;

  public SessionHistory(EventStore eventStore) {
    this.eventStore = eventStore;
  }

  /**
   * Every event of session {@code sessionId} in order, or a 404 when no such session exists or the
   * caller may not see it. Ownership comes from the stream's own {@code SessionCreated}, so a
   * session younger than its projection is already readable.
   */
  public Mono<List<SessionEventEntry>> read(Caller caller, String sessionId) {
    return ReadAccess.visibleOrNotFound(
            AggregateStreams.read(eventStore, sessionId),
            events ->
                created(events)
                    .filter(
                        created ->
                            ReadAccess.mayReadOwned(
                                caller, created.organizationId(), created.userId()))
                    .isPresent(),
            "session",
            sessionId)
        .map(events -> events.stream().map(SessionHistory::entry).toList());
  }

  /**
   * Session {@code sessionId} as its events add up to now, exactly as {@link SessionProjection}
   * would show it once it has applied them all; empty when there is no such session. Access rules
   * are the caller's to apply, as for a row of {@code session_view}.
   */
  public Mono<SessionView> current(String sessionId) {
    return AggregateStreams.read(eventStore, sessionId)
        .flatMap(events -> Mono.justOrEmpty(fold(events)));
  }

  private static Optional<SessionView> fold(List<DomainEventMessage<?>> events) {
    return created(events)
        .map(
            created -> {
              SessionView session = SessionView.created(created, events.get(0).getTimestamp());
              for (DomainEventMessage<?> event : events.subList(1, events.size())) {
                session = session.after(event.getPayload(), event.getTimestamp());
              }
              return session;
            });
  }

  /** The event that made the session: a stream that starts otherwise is not a session's. */
  private static Optional<SessionCreated> created(List<DomainEventMessage<?>> events) {
    return events.isEmpty() || !(events.get(0).getPayload() instanceof SessionCreated created)
        ? Optional.empty()
        : Optional.of(created);
  }

  private static SessionEventEntry entry(DomainEventMessage<?> event) {
    return new SessionEventEntry(
        event.getSequenceNumber(),
        event.getPayloadType().getSimpleName(),
        event.getTimestamp(),
        metadata(event, AuditMetadata.ACTOR_ID),
        metadata(event, AuditMetadata.REQUEST_ID),
        EventJson.toTree(event.getPayload()));
  }

  private static String metadata(DomainEventMessage<?> event, String key) {
    Object value = event.getMetaData().get(key);
    return value == null ? null : Objects.toString(value);
  }
}
