package io.streamspace.command.common;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Whether a cached aggregate is still the latest version the event store holds: another replica may
 * have appended to it since it was cached, and a command that only reads an aggregate (a create
 * reads its template) would otherwise decide on the stale state without ever conflicting.
 *
 * <p>Within a command the check waits for the commit, and is needed only for the aggregates the
 * command did not append to. An append already proves its aggregate current: it takes the next
 * sequence number, which is unique, so an append to a stale aggregate fails and the command runs
 * again on the state loaded afresh. For an aggregate the command only read, one indexed query
 * ({@code max(sequence_number)}), in the command's own transaction, before its events are appended;
 * a later version fails the unit of work the same way. Most commands append to every aggregate they
 * load, so most need no query; outside a unit of work the entry is checked at once.
 */
final class CachedAggregateVersions implements BiPredicate<Object, Object> {

  private static final String LOADED = CachedAggregateVersions.class.getName() + ".loaded";
  private static final String APPENDED = CachedAggregateVersions.class.getName() + ".appended";

  private final Supplier<EventStore> eventStore;

  CachedAggregateVersions(Supplier<EventStore> eventStore) {
    this.eventStore = eventStore;
  }

  /**
   * Notes which aggregates a unit of work appends to; register it on the event store, or every
   * cached aggregate a command loaded is checked by query at its commit. Axon runs it as the unit
   * of work prepares its commit, just before the events are appended.
   */
  static MessageDispatchInterceptor<EventMessage<?>> appendsRecorder() {
    return new MessageDispatchInterceptor<>() {
      @Override
      public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
          List<? extends EventMessage<?>> messages) {
        return (index, message) -> {
          // Only a command that took an aggregate from a cache has anything to skip.
          if (message instanceof DomainEventMessage<?> event
              && CurrentUnitOfWork.isStarted()
              && CurrentUnitOfWork.get().root().resources().containsKey(LOADED)) {
            CurrentUnitOfWork.get()
                .root()
                .<Set<String>>getOrComputeResource(APPENDED, key -> new HashSet<>())
                .add(event.getAggregateIdentifier());
          }
          return message;
        };
      }
    };
  }

  @Override
  public boolean test(Object aggregateId, Object cached) {
    if (!(cached instanceof AggregateCacheEntry<?> entry) || !(aggregateId instanceof String id)) {
      return false;
    }
    Long version = AggregateCacheEntries.versionOf(entry);
    if (!CurrentUnitOfWork.isStarted()) {
      return current(id, version);
    }
    UnitOfWork<?> root = CurrentUnitOfWork.get().root();
    root.<Map<String, Long>>getOrComputeResource(
            LOADED,
            key -> {
              Map<String, Long> loaded = new LinkedHashMap<>();
              // Axon runs the event interceptors in the handler it registers at a command's first
              // event, in this same phase: this one re-registers, so that it runs after that one
              // and knows every aggregate the command appends to.
              root.onPrepareCommit(
                  first -> first.onPrepareCommit(then -> verifyUnappended(then, loaded)));
              return loaded;
            })
        .putIfAbsent(id, version);
    return true;
  }

  private void verifyUnappended(UnitOfWork<?> root, Map<String, Long> loaded) {
    Set<String> appended = root.getOrDefaultResource(APPENDED, Set.of());
    loaded.forEach(
        (id, version) -> {
          if (!appended.contains(id) && !current(id, version)) {
            throw new ConcurrencyException(
                "aggregate " + id + " changed since it was cached: the command runs again");
          }
        });
  }

  private boolean current(String id, Long version) {
    Long stored = eventStore.get().lastSequenceNumberFor(id).orElse(null);
    return Objects.equals(stored, version);
  }
}
