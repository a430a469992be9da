package io.streamspace.server.identity.oidc;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A provider's signing keys as its key set publishes them, kept in memory.
 *
 * <ul>
 *   <li>A token naming a key the set does not hold makes it read the set again (the provider has
 *       rotated its key), but at most once per {@code cooldown}: a flood of forged tokens with
 *       made-up key ids cannot turn the platform into a load generator against the provider.
 *   <li>The set is read again once it is older than {@code maxAge}, so a key the provider has
 *       withdrawn stops being trusted.
 *   <li>Concurrent requests share one read.
 * </ul>
 */
final class ProviderKeySet {

  private static final Logger log = LoggerFactory.getLogger(ProviderKeySet.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private record Snapshot(JWKSet keys, long readAtNanos) {}

  private final String providerId;
  private final WebClient webClient;
  private final URI location;
  private final long cooldownNanos;
  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private volatile Snapshot snapshot;
  private volatile long lastAttemptNanos;
  private volatile boolean attempted;
  private final AtomicReference<Mono<JWKSet>> reading = new AtomicReference<>();

  ProviderKeySet(
      String providerId,
      WebClient webClient,
      URI location,
      Duration cooldown,
      Duration maxAge,
      LongSupplier nanoTime) {
    this.providerId = providerId;
    this.webClient = webClient;
    this.location = location;
    this.cooldownNanos = cooldown.toNanos();
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The keys that may have signed {@code jwt} (by its header's key id and algorithm). */
  Flux<JWK> keysFor(SignedJWT jwt) {
    JWKMatcher matcher = JWKMatcher.forJWSHeader(jwt.getHeader());
    if (matcher == null) {
      return Flux.empty(); // an algorithm no key can serve
    }
    JWKSelector selector = new JWKSelector(matcher);
    Snapshot current = snapshot;
    long now = nanoTime.getAsLong();
    if (current != null && now - current.readAtNanos() < maxAgeNanos) {
      List<JWK> known = selector.select(current.keys());
      if (!known.isEmpty()) {
        return Flux.fromIterable(known);
      }
      if (attempted && now - lastAttemptNanos < cooldownNanos) {
        return Flux.empty(); // read a moment ago: an unknown key is simply unknown
      }
    }
    return read().flatMapIterable(selector::select);
  }

  private Mono<JWKSet> read() {
    Mono<JWKSet> running = reading.get();
    if (running != null) {
      return running;
    }
    Mono<JWKSet> fresh =
        Mono.defer(
                () -> {
                  lastAttemptNanos = nanoTime.getAsLong();
                  attempted = true;
                  return webClient.get().uri(location).retrieve().bodyToMono(String.class);
                })
            .timeout(TIMEOUT)
            .map(ProviderKeySet::parse)
            .doOnNext(keys -> snapshot = new Snapshot(keys, nanoTime.getAsLong()))
            .doOnError(
                e ->
                    log.warn(
                        "OIDC provider {}: reading the key set at {} failed: {}",
                        providerId,
                        location,
                        e.toString()))
            // Before the result goes out, not after (doFinally): a caller that has it and asks
            // again at once, with the set already too old, must start a read, not reuse this one.
            .doOnTerminate(() -> reading.set(null))
            .cache();
    return reading.compareAndSet(null, fresh) ? fresh : read();
  }

  private static JWKSet parse(String body) {
    try {
      return JWKSet.parse(body);
    } catch (ParseException e) {
      throw Exceptions.propagate(e);
    }
  }
}
