package io.streamspace.command.common;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loaded aggregates in memory between commands, so a command does not re-read an
 * organization's snapshot and events (inside its lock) every time.
 *
 * <p>Safe beside other replicas ({@link CachedAggregateVersions}): an aggregate a command appends
 * to is proven current by its append, which takes the next sequence number, unique in the store; an
 * aggregate it only read is checked against the store's latest sequence number before the commit.
 * Either way a stale entry fails the unit of work: it rolls back, Axon evicts the entry, and {@link
 * CommandSender} reruns the command against the state loaded fresh. So a command never decides on a
 * state another replica has moved on, even one that only reads it.
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

  /** Tells the caches which aggregates a command appended to: those need no version query. */
  @Bean
  SmartInitializingSingleton cachedAggregateAppends(ObjectProvider<EventStore> events) {
    return () ->
        events.getObject().registerDispatchInterceptor(CachedAggregateVersions.appendsRecorder());
  }

  private static Cache cache(CommandSideProperties properties, ObjectProvider<EventStore> events) {
    // the event store is looked up on first use: it is built after the repositories' caches
    return new BoundedAggregateCache(
        properties.aggregateCacheEntries(), new CachedAggregateVersions(events::getObject));
  }
}
