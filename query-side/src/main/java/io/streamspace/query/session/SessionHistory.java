package io.streamspace.query.session;

import io.streamspace.events.common.AuditMetadata;
import io.streamspace.events.common.Caller;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.query.access.ReadAccess;
import io.streamspace.query.projection.EventJson;
import java.util.List;
import java.util.Objects;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A session's full history, read from its own event stream in the event store rather than from a
 * projection: it is the record itself, never behind it.
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
    return Mono.fromCallable(() -> load(caller, sessionId))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** Blocking: reads from sequence 0 so that a snapshot never hides the start of the history. */
  private List<SessionEventEntry> load(Caller caller, String sessionId) {
    List<? extends DomainEventMessage<?>> events =
        eventStore.readEvents(sessionId, 0L).asStream().toList();
    if (events.isEmpty()
        || !(events.get(0).getPayload() instanceof SessionCreated created)
        || !ReadAccess.mayReadOwned(caller, created.organizationId(), created.userId())) {
      throw ReadAccess.notFound("session", sessionId);
    }
    return events.stream().map(SessionHistory::entry).toList();
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
