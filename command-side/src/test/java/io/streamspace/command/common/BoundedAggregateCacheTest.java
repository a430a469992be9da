package io.streamspace.command.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

/** The aggregate cache keeps what it holds until its bound, whatever the collector does. */
class BoundedAggregateCacheTest {

  @Test
  void anEntryOutlivesGarbageCollections() {
    BoundedAggregateCache cache = new BoundedAggregateCache(100);
    cache.put("org-1", new StringBuilder("an organization"));

    for (int i = 0; i < 5; i++) {
      System.gc(); // a weak-reference cache loses its entry at the first of these
    }

    assertThat(cache.<String, StringBuilder>get("org-1")).hasToString("an organization");
  }

  @Test
  void itHoldsNoMoreThanItsBoundAndSaysWhatItEvicted() {
    BoundedAggregateCache cache = new BoundedAggregateCache(10);
    Events events = new Events();
    cache.registerCacheEntryListener(events);

    for (int i = 0; i < 25; i++) {
      cache.put("session-" + i, "state " + i);
    }

    assertThat(cache.size()).isEqualTo(10);
    assertThat(events.expired).hasSize(15);
    assertThat(events.created).hasSize(25);
  }

  @Test
  void putReplacesAndRemoveForgets() {
    BoundedAggregateCache cache = new BoundedAggregateCache(10);
    Events events = new Events();
    Registration registration = cache.registerCacheEntryListener(events);

    cache.put("t", "first");
    cache.put("t", "second");
    assertThat(cache.<String, String>get("t")).isEqualTo("second");
    assertThat(cache.putIfAbsent("t", "third")).isFalse();
    assertThat(cache.remove("t")).isTrue();
    assertThat(cache.containsKey("t")).isFalse();
    assertThat(cache.remove("t")).isFalse();
    assertThat(events.created).containsExactly("t");
    assertThat(events.updated).containsExactly("t");
    assertThat(events.removed).containsExactly("t");

    registration.cancel();
    cache.put("u", "unheard");
    assertThat(events.created).containsExactly("t");
  }

  @Test
  void computeAndRemoveAllWorkOnTheEntries() {
    BoundedAggregateCache cache = new BoundedAggregateCache(10);
    assertThat(cache.<String>computeIfAbsent("a", () -> "made")).isEqualTo("made");
    assertThat(cache.<String>computeIfAbsent("a", () -> "not made again")).isEqualTo("made");
    cache.<String>computeIfPresent("a", value -> value + " and changed");
    assertThat(cache.<String, String>get("a")).isEqualTo("made and changed");

    cache.put("b", "other");
    cache.removeAll();
    assertThat(cache.size()).isZero();
  }

  @Test
  void anEntryThatIsNoLongerCurrentIsDroppedWhenRead() {
    Set<Object> movedOn = ConcurrentHashMap.newKeySet();
    BoundedAggregateCache cache =
        new BoundedAggregateCache(10, (key, value) -> !movedOn.contains(key));
    Events events = new Events();
    cache.registerCacheEntryListener(events);
    cache.put("template", "as this replica last saw it");

    assertThat(cache.<String, String>get("template")).isEqualTo("as this replica last saw it");
    movedOn.add("template"); // another replica appended to it
    assertThat(cache.<String, String>get("template")).isNull();
    assertThat(cache.containsKey("template")).isFalse();
    assertThat(events.removed).containsExactly("template");
  }

  @Test
  void anAggregateNoLongerInUseIsNotKept() {
    BoundedAggregateCache cache = new BoundedAggregateCache(10);
    Events events = new Events();
    cache.registerCacheEntryListener(events);
    Ending session = new Ending("s-1");

    cache.put("s-1", entryFor(session));
    assertThat(cache.containsKey("s-1")).isTrue();

    session.inUse = false; // it ended: Axon caches it once more as the unit of work commits
    cache.put("s-1", entryFor(session));

    assertThat(cache.containsKey("s-1")).isFalse();
    assertThat(events.created).containsExactly("s-1");
    assertThat(events.removed).containsExactly("s-1");
    assertThat(events.updated).isEmpty();
  }

  @Test
  void theCachedAggregateIsReadFromAxonsEntry() {
    Ending session = new Ending("s-2");
    assertThat(AggregateCacheEntries.rootOf(entryFor(session))).isSameAs(session);
  }

  @Test
  void aCacheHoldsAtLeastOneEntry() {
    assertThatThrownBy(() -> new BoundedAggregateCache(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static AggregateCacheEntry<Ending> entryFor(Ending root) {
    return new AggregateCacheEntry<>(
        EventSourcedAggregate.initialize(
            root,
            AnnotatedAggregateMetaModelFactory.inspectAggregate(Ending.class),
            null,
            NoSnapshotTriggerDefinition.TRIGGER));
  }

  /** An aggregate that can say it is no longer in use, as an ended session does. */
  static final class Ending implements CachedWhileInUse {
    @AggregateIdentifier private final String id;
    boolean inUse = true;

    Ending(String id) {
      this.id = id;
    }

    @Override
    public boolean stillInUse() {
      return inUse;
    }
  }

  private static final class Events extends Cache.EntryListenerAdapter {
    final List<Object> created = new CopyOnWriteArrayList<>();
    final List<Object> updated = new CopyOnWriteArrayList<>();
    final List<Object> removed = new CopyOnWriteArrayList<>();
    final List<Object> expired = new CopyOnWriteArrayList<>();

    @Override
    public void onEntryCreated(Object key, Object value) {
      created.add(key);
    }

    @Override
    public void onEntryUpdated(Object key, Object value) {
      updated.add(key);
    }

    @Override
    public void onEntryRemoved(Object key) {
      removed.add(key);
    }

    @Override
    public void onEntryExpired(Object key) {
      expired.add(key);
    }
  }
}
