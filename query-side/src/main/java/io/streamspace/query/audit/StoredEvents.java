package io.streamspace.query.audit;

import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * Reads rows of the event store back into events as the store itself does: with its serializer,
 * through its upcasters, so an event stored in an older shape reads in today's.
 */
public record StoredEvents(Serializer serializer, EventUpcaster upcasters) {

  /**
   * The events the row at {@code position} holds today: one, unless an upcaster split or dropped
   * it. An event published without an aggregate reads back as one.
   */
  public List<EventMessage<?>> read(long position, DomainEventData<?> row) {
    return EventUtils.upcastAndDeserializeTrackedEvents(
            Stream.of(new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(position), row)),
            serializer,
            upcasters)
        .<EventMessage<?>>map(event -> event)
        .toList();
  }
}
