package io.streamspace.query.audit;

import org.axonframework.eventhandling.TrackedEventMessage;

/**
 * Where an event sits in the event store. The token an event is delivered with is not enough: an
 * event that committed after later ones (it filled a gap) comes with the furthest position seen,
 * which is another event's. The server, which owns the event store, answers exactly; without it the
 * token's position is the best there is.
 */
@FunctionalInterface
public interface EventPositions {

  long of(TrackedEventMessage<?> event);

  /** The position the delivery token names; exact except for events that filled a gap. */
  EventPositions FROM_TOKEN = event -> GlobalIndex.of(event.trackingToken());
}
