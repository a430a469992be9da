package io.streamspace.command.common;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loaded aggregates in memory between commands, so a command does not re-read an
 * organization's snapshot and events (inside its lock) every time.
 *
 * <p>Safe beside other replicas: a cached aggregate that another replica has moved on appends at a
 * sequence number already taken, the unit of work rolls back, Axon evicts the entry, and {@link
 * CommandSender} reruns the command against the state loaded fresh from the event store.
 */
@Configuration(proxyBeanMethods = false)
public class AggregateCacheConfiguration {

  /** Bean name every aggregate names in its {@code @Aggregate(cache = ...)}. */
  public static final String BEAN_NAME = "aggregateCache";

  @Bean(BEAN_NAME)
  Cache aggregateCache() {
    // Entries live as long as something else holds the aggregate or the garbage collector keeps
    // them: memory stays bounded without a size to tune.
    return new WeakReferenceCache();
  }
}
