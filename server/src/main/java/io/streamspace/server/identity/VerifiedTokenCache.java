package io.streamspace.server.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers the platform tokens whose signature, issuer and audience were already verified, so a
 * client that sends the same bearer token on every request pays the RSA verification and JSON
 * parsing once instead of on each request (they were an eighth of the server's CPU under load).
 *
 * <p>A token is found again only by its exact bytes (through their SHA-256 digest, so lookups leak
 * nothing about other cached tokens), so a hit is a token that already passed the full check; only
 * what changes with time is checked again on every hit: the token's expiry and not-before, with the
 * same validator as the first time. Failures are never remembered. The platform's key does not
 * change while the server runs, so a remembered verification cannot go stale; the account behind
 * the token (disabled, role changed) is checked per request by {@link CallerResolver} as before.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

  private record Digest(byte[] bytes) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Digest d && MessageDigest.isEqual(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  private final ReactiveJwtDecoder verifier;
  private final OAuth2TokenValidator<Jwt> timestamps;
  private final Clock clock;
  private final int maxEntries;
  private final ConcurrentHashMap<Digest, Jwt> verified = new ConcurrentHashMap<>();

  /**
   * @param verifier the full check (signature, issuer, audience, times)
   * @param timestamps the time-dependent part of that check, repeated on every hit
   * @param maxEntries the most tokens remembered; past it, expired ones are dropped, or all
   */
  VerifiedTokenCache(
      ReactiveJwtDecoder verifier,
      OAuth2TokenValidator<Jwt> timestamps,
      Clock clock,
      int maxEntries) {
    this.verifier = verifier;
    this.timestamps = timestamps;
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  @Override
  public Mono<Jwt> decode(String token) {
    Digest digest = digest(token);
    Jwt known = verified.get(digest);
    if (known != null) {
      OAuth2TokenValidatorResult result = timestamps.validate(known);
      if (!result.hasErrors()) {
        return Mono.just(known);
      }
      verified.remove(digest);
      return Mono.error(
          new JwtValidationException(
              result.getErrors().iterator().next().getDescription(), result.getErrors()));
    }
    return verifier.decode(token).doOnNext(jwt -> remember(digest, jwt));
  }

  /** How many verified tokens are remembered (for tests). */
  int size() {
    return verified.size();
  }

  private void remember(Digest digest, Jwt jwt) {
    if (verified.size() >= maxEntries) {
      verified
          .values()
          .removeIf(j -> j.getExpiresAt() == null || !j.getExpiresAt().isAfter(clock.instant()));
      if (verified.size() >= maxEntries) {
        verified.clear(); // many live tokens at once: start over rather than grow
      }
    }
    verified.put(digest, jwt);
  }

  private static Digest digest(String token) {
    MessageDigest sha256 = SHA_256.get();
    sha256.reset();
    return new Digest(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Looking the algorithm up cost more than hashing a token: one instance per thread. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is not available", e);
            }
          });
}
