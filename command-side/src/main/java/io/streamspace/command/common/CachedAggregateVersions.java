package io.streamspace.command.common;

import java.lang.reflect.Field;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Whether a cached aggregate is still the latest version the event store holds: another replica may
 * have appended to it since it was cached, and a command that only reads an aggregate (a create
 * reads its template) would otherwise decide on the stale state without ever conflicting.
 *
 * <p>One indexed query per load ({@code max(sequence_number)} of the aggregate), in the command's
 * own transaction, instead of reading a snapshot and events.
 */
final class CachedAggregateVersions implements BiPredicate<Object, Object> {

  // Axon keeps the version it cached private; without it every entry would look stale, which the
  // tests of this class would show at once after an Axon upgrade.
  private static final Field VERSION = versionField();

  private final Supplier<EventStore> eventStore;

  CachedAggregateVersions(Supplier<EventStore> eventStore) {
    this.eventStore = eventStore;
  }

  @Override
  public boolean test(Object aggregateId, Object cached) {
    if (!(cached instanceof AggregateCacheEntry<?> entry) || !(aggregateId instanceof String id)) {
      return false;
    }
    Long stored = eventStore.get().lastSequenceNumberFor(id).orElse(null);
    return Objects.equals(stored, versionOf(entry));
  }

  static Long versionOf(AggregateCacheEntry<?> entry) {
    try {
      return (Long) VERSION.get(entry);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read a cached aggregate's version", e);
    }
  }

  private static Field versionField() {
    try {
      Field field = AggregateCacheEntry.class.getDeclaredField("version");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Axon's AggregateCacheEntry has no version field", e);
    }
  }
}
