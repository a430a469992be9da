package io.streamspace.command.common;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loaded aggregates in memory between commands, so a command does not re-read an
 * organization's snapshot and events (inside its lock) every time.
 *
 * <p>Safe beside other replicas: every read of a cached aggregate checks that the event store holds
 * no later event of it ({@link CachedAggregateVersions}), so a command never decides on a state
 * another replica has moved on, even one that only reads it. An append racing between that check
 * and the commit takes a sequence number already taken; the unit of work rolls back, Axon evicts
 * the entry, and {@link CommandSender} reruns the command against the state loaded fresh.
 *
 * <p>One cache per aggregate type: the cache is keyed by id alone, so a shared one would hand a
 * cached session to whoever asks for that id as a template.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCacheConfiguration {

  /** Bean name {@code Organization} names in its {@code @Aggregate(cache = ...)}. */
  public static final String ORGANIZATION_CACHE = "organizationCache";

  /** Bean name {@code Template} names in its {@code @Aggregate(cache = ...)}. */
  public static final String TEMPLATE_CACHE = "templateCache";

  /** Bean name {@code Session} names in its {@code @Aggregate(cache = ...)}. */
  public static final String SESSION_CACHE = "sessionCache";

  // Bounded by a count, not by weak references: the collector clears weak references at every
  // young collection, many times a second under load, and nearly every command then read its
  // organization's snapshot and up to a hundred events again, inside the organization's lock.

  @Bean(ORGANIZATION_CACHE)
  Cache organizationCache(CommandSideProperties properties, ObjectProvider<EventStore> events) {
    return cache(properties, events);
  }

  @Bean(TEMPLATE_CACHE)
  Cache templateCache(CommandSideProperties properties, ObjectProvider<EventStore> events) {
    return cache(properties, events);
  }

  @Bean(SESSION_CACHE)
  Cache sessionCache(CommandSideProperties properties, ObjectProvider<EventStore> events) {
    return cache(properties, events);
  }

  private static Cache cache(CommandSideProperties properties, ObjectProvider<EventStore> events) {
    // the event store is looked up on first use: it is built after the repositories' caches
    return new BoundedAggregateCache(
        properties.aggregateCacheEntries(), new CachedAggregateVersions(events::getObject));
  }
}
