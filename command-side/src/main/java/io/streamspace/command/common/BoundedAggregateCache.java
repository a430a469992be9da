package io.streamspace.command.common;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * An Axon aggregate cache that keeps up to a fixed number of entries (Caffeine's size-bounded
 * eviction), so the aggregates in use stay loaded whatever the garbage collector does; an entry
 * that fails its freshness check when read is dropped, and the aggregate is loaded anew.
 *
 * <p>An aggregate that says it is no longer in use ({@link CachedWhileInUse}, an ended session) is
 * not kept: it would only take the place of one in use until evicted.
 */
public final class BoundedAggregateCache implements Cache {

  private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;
  private final ConcurrentMap<Object, Object> entries;
  private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
  private final BiPredicate<Object, Object> stillCurrent;

  /** A cache that trusts its entries until they are evicted. */
  public BoundedAggregateCache(long maximumEntries) {
    this(maximumEntries, (key, value) -> true);
  }

  /**
   * A cache that hands out an entry only while {@code stillCurrent} holds for it.
   *
   * @param stillCurrent asked with the key and the cached value on every read
   */
  public BoundedAggregateCache(long maximumEntries, BiPredicate<Object, Object> stillCurrent) {
    this.stillCurrent = stillCurrent;
    if (maximumEntries < 1) {
      throw new IllegalArgumentException("an aggregate cache holds at least one entry");
    }
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumEntries)
            // Runs on the thread that evicted: listeners hear of an eviction before the next load
            .executor(Runnable::run)
            .removalListener(
                (Object key, Object value, RemovalCause cause) -> {
                  if (cause.wasEvicted()) {
                    listeners.forEach(listener -> listener.onEntryExpired(key));
                  }
                })
            .build();
    this.entries = cache.asMap();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> V get(K key) {
    Object value = entries.get(key);
    if (value == null) {
      return null;
    }
    if (!stillCurrent.test(key, value)) {
      remove(key);
      return null;
    }
    listeners.forEach(listener -> listener.onEntryRead(key, value));
    return (V) value;
  }

  @Override
  public void put(Object key, Object value) {
    if (value == null || !stillInUse(value)) {
      remove(key);
      return;
    }
    Object previous = entries.put(key, value);
    for (EntryListener listener : listeners) {
      if (previous == null) {
        listener.onEntryCreated(key, value);
      } else {
        listener.onEntryUpdated(key, value);
      }
    }
  }

  @Override
  public boolean putIfAbsent(Object key, Object value) {
    boolean added = entries.putIfAbsent(key, value) == null;
    if (added) {
      listeners.forEach(listener -> listener.onEntryCreated(key, value));
    }
    return added;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
    return (T) entries.computeIfAbsent(key, absent -> valueSupplier.get());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
    entries.computeIfPresent(key, (present, value) -> update.apply((V) value));
  }

  @Override
  public boolean remove(Object key) {
    boolean removed = entries.remove(key) != null;
    if (removed) {
      listeners.forEach(listener -> listener.onEntryRemoved(key));
    }
    return removed;
  }

  @Override
  public void removeAll() {
    entries.keySet().forEach(this::remove);
  }

  @Override
  public boolean containsKey(Object key) {
    return entries.containsKey(key);
  }

  @Override
  public Registration registerCacheEntryListener(EntryListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private static boolean stillInUse(Object value) {
    return !(value instanceof AggregateCacheEntry<?> entry)
        || !(AggregateCacheEntries.rootOf(entry) instanceof CachedWhileInUse aggregate)
        || aggregate.stillInUse();
  }

  /** Entries held once pending evictions are done. */
  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
