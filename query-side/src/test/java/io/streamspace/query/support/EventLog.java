package io.streamspace.query.support;

import io.streamspace.events.common.AuditMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * Makes the messages an event store would deliver: a growing global index, a sequence per
 * aggregate, a timestamp and the audit metadata of the command that caused the event.
 */
public final class EventLog {

  private final Map<String, Long> sequences = new HashMap<>();
  private final List<TrackedEventMessage<?>> delivered = new ArrayList<>();
  private long globalIndex;
  private Instant clock = Instant.parse("2026-01-01T10:00:00Z");
  private Map<String, String> metadata = Map.of();

  /** Who causes the next events, as a command's metadata says it. */
  public EventLog actor(String actorId, String organizationId) {
    Map<String, String> next = new HashMap<>();
    next.put(AuditMetadata.ACTOR_ID, actorId);
    next.put(AuditMetadata.ORGANIZATION_ID, organizationId);
    next.put(AuditMetadata.REQUEST_ID, "req-" + (globalIndex + 1));
    next.put(AuditMetadata.CLIENT_IP, "203.0.113.7");
    next.put(AuditMetadata.USER_AGENT, "curl/8");
    metadata = next;
    return this;
  }

  /** The next event of aggregate {@code aggregateId}, one second after the previous event. */
  public TrackedEventMessage<?> next(String aggregateType, String aggregateId, Object payload) {
    long sequence = sequences.merge(aggregateId, 0L, (previous, ignored) -> previous + 1);
    clock = clock.plusSeconds(1);
    globalIndex++;
    GenericDomainEventMessage<Object> event =
        new GenericDomainEventMessage<>(
            aggregateType, aggregateId, sequence, payload, metadata, "event-" + globalIndex, clock);
    TrackedEventMessage<?> tracked =
        new GenericTrackedDomainEventMessage<>(
            GapAwareTrackingToken.newInstance(globalIndex, List.of()), event);
    delivered.add(tracked);
    return tracked;
  }

  /** Every message made so far, in order. */
  public List<TrackedEventMessage<?>> delivered() {
    return List.copyOf(delivered);
  }

  public Instant now() {
    return clock;
  }
}
