package io.streamspace.command.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cached aggregate is used only while it is the store's latest version: one a command appended to
 * is proven by its append, one it only read is checked by query before the commit.
 */
class CachedAggregateVersionsTest {

  private final CountingEngine engine = new CountingEngine();
  private EmbeddedEventStore store;
  private BoundedAggregateCache cache;

  @BeforeEach
  void start() {
    store = EmbeddedEventStore.builder().storageEngine(engine).build();
    store.registerDispatchInterceptor(CachedAggregateVersions.appendsRecorder());
    cache = new BoundedAggregateCache(10, new CachedAggregateVersions(() -> store));
  }

  @AfterEach
  void stop() {
    store.shutDown();
  }

  @Test
  void anAggregateTheCommandAppendsToNeedsNoQuery() {
    storedAndCached("org-1");
    engine.queries.set(0);

    UnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
    assertThat(cache.<String, Object>get("org-1")).isNotNull();
    store.publish(event("org-1", 1, "quota reserved"));
    command.commit();

    assertThat(engine.queries).hasValue(0);
    assertThat(engine.lastSequenceNumberFor("org-1")).contains(1L);
  }

  @Test
  void anAggregateTheCommandOnlyReadIsCheckedOnceBeforeTheCommit() {
    storedAndCached("template-1");
    engine.queries.set(0);

    UnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
    assertThat(cache.<String, Object>get("template-1")).isNotNull();
    assertThat(cache.<String, Object>get("template-1")).isNotNull();
    store.publish(event("session-1", 0, "session created"));
    command.commit();

    assertThat(engine.queries).hasValue(1);
    assertThat(engine.lastSequenceNumberFor("session-1")).contains(0L);
  }

  @Test
  void anAggregateAnotherReplicaMovedOnFailsTheCommandThatOnlyReadIt() {
    storedAndCached("template-1");
    append("template-1", 1, "deleted by another replica");

    UnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
    assertThat(cache.<String, Object>get("template-1")).isNotNull();
    store.publish(event("session-1", 0, "session created"));

    assertThatThrownBy(command::commit).isInstanceOf(ConcurrencyException.class);
    assertThat(engine.lastSequenceNumberFor("session-1")).isEmpty();
  }

  @Test
  void outsideACommandAStaleEntryIsRefusedAtOnce() {
    storedAndCached("template-1");
    append("template-1", 1, "changed by another replica");

    assertThat(cache.<String, Object>get("template-1")).isNull();
    assertThat(cache.containsKey("template-1")).isFalse();
  }

  /** Given: the aggregate's first event stored, and the aggregate cached at that version. */
  private void storedAndCached(String aggregateId) {
    append(aggregateId, 0, "created");
    cache.put(aggregateId, cachedAt(0, aggregateId));
  }

  private void append(String aggregateId, long sequence, String payload) {
    engine.appendEvents(event(aggregateId, sequence, payload));
  }

  private static GenericDomainEventMessage<String> event(
      String aggregateId, long sequence, String payload) {
    return new GenericDomainEventMessage<>("Test", aggregateId, sequence, payload);
  }

  private AggregateCacheEntry<Counter> cachedAt(long version, String id) {
    return new AggregateCacheEntry<>(
        EventSourcedAggregate.reconstruct(
            new Counter(id),
            AnnotatedAggregateMetaModelFactory.inspectAggregate(Counter.class),
            version,
            false,
            store,
            NoSnapshotTriggerDefinition.TRIGGER));
  }

  /** The smallest aggregate there is. */
  static final class Counter {
    @AggregateIdentifier private String id;

    Counter(String id) {
      this.id = id;
    }
  }

  /** Counts the version queries. */
  private static final class CountingEngine extends InMemoryEventStorageEngine {
    private final AtomicInteger queries = new AtomicInteger();

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
      queries.incrementAndGet();
      return super.lastSequenceNumberFor(aggregateIdentifier);
    }
  }
}
