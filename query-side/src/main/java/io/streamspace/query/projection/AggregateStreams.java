package io.streamspace.query.projection;

import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads one aggregate's own event stream from the event store: the record itself, never behind it
 * as a projection may be. The read blocks (JDBC), so it runs on {@code boundedElastic}.
 */
public final class AggregateStreams {

  private AggregateStreams() {}

  /**
   * Every event of aggregate {@code aggregateId} in order, empty for an unknown id. Reads from
   * sequence 0, past any snapshot, so the stream always starts with the event that created it.
   */
  public static Mono<List<DomainEventMessage<?>>> read(EventStore eventStore, String aggregateId) {
    return Mono.fromCallable(
            () ->
                eventStore
                    .readEvents(aggregateId, 0L)
                    .asStream()
                    .<DomainEventMessage<?>>map(event -> event)
                    .toList())
        .subscribeOn(Schedulers.boundedElastic());
  }
}
