package io.streamspace.command.common;

import java.lang.reflect.Field;
import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * Reads what Axon's cache entry keeps private: the version it cached ({@link
 * CachedAggregateVersions}) and the aggregate itself ({@link BoundedAggregateCache}). Without them
 * every entry would look stale or none could be dropped; the tests of those classes fail first
 * after an Axon upgrade that renames either field.
 */
final class AggregateCacheEntries {

  private static final Field VERSION = field("version");
  private static final Field ROOT = field("aggregateRoot");

  private AggregateCacheEntries() {}

  static Long versionOf(AggregateCacheEntry<?> entry) {
    return (Long) read(VERSION, entry);
  }

  static Object rootOf(AggregateCacheEntry<?> entry) {
    return read(ROOT, entry);
  }

  private static Object read(Field field, AggregateCacheEntry<?> entry) {
    try {
      return field.get(entry);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read a cached aggregate's " + field.getName(), e);
    }
  }

  private static Field field(String name) {
    try {
      Field field = AggregateCacheEntry.class.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Axon's AggregateCacheEntry has no " + name + " field", e);
    }
  }
}
