package io.streamspace.command.common;

import org.axonframework.common.caching.Cache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loaded aggregates in memory between commands, so a command does not re-read an
 * organization's snapshot and events (inside its lock) every time.
 *
 * <p>Safe beside other replicas: a cached aggregate that another replica has moved on appends at a
 * sequence number already taken, the unit of work rolls back, Axon evicts the entry, and {@link
 * CommandSender} reruns the command against the state loaded fresh from the event store.
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
  Cache organizationCache(CommandSideProperties properties) {
    return new BoundedAggregateCache(properties.aggregateCacheEntries());
  }

  @Bean(TEMPLATE_CACHE)
  Cache templateCache(CommandSideProperties properties) {
    return new BoundedAggregateCache(properties.aggregateCacheEntries());
  }

  @Bean(SESSION_CACHE)
  Cache sessionCache(CommandSideProperties properties) {
    return new BoundedAggregateCache(properties.aggregateCacheEntries());
  }
}
