package io.streamspace.server.identity;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The account standings of recent callers, kept for a few seconds so that checking every request's
 * account costs one query per caller and interval, not one per request. A change (disabling,
 * demoting) therefore takes effect within {@code ttl}.
 */
final class CachedAccountStandings {

  private record Entry(Optional<AccountStanding> standing, long expiresAtNanos) {}

  private final UserAccounts accounts;
  private final long ttlNanos;
  private final int maxEntries;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  CachedAccountStandings(
      UserAccounts accounts, Duration ttl, int maxEntries, LongSupplier nanoTime) {
    this.accounts = accounts;
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
    this.nanoTime = nanoTime;
  }

  /** The standing of {@code userId}, from memory when it was read less than {@code ttl} ago. */
  Mono<Optional<AccountStanding>> standingOf(String userId) {
    Entry cached = entries.get(userId);
    if (cached != null && nanoTime.getAsLong() - cached.expiresAtNanos() < 0) {
      return Mono.just(cached.standing());
    }
    // The table read is JDBC: never on the event loop.
    return Mono.fromCallable(() -> accounts.standingOf(userId))
        .subscribeOn(Schedulers.boundedElastic())
        .doOnNext(standing -> remember(userId, standing));
  }

  int size() {
    return entries.size();
  }

  private void remember(String userId, Optional<AccountStanding> standing) {
    long now = nanoTime.getAsLong();
    if (ttlNanos <= 0) {
      return;
    }
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(entry -> now - entry.expiresAtNanos() >= 0);
      if (entries.size() >= maxEntries) {
        // Still full of live entries: start over rather than grow; they are cheap to read again.
        entries.clear();
      }
    }
    entries.put(userId, new Entry(standing, now + ttlNanos));
  }
}
