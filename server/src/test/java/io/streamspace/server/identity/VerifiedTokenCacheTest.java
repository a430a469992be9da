package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import io.streamspace.events.common.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * A token verified once is not verified again, but its expiry still counts on every use, and
 * nothing but the very same token is ever taken from memory.
 */
class VerifiedTokenCacheTest {

  private static final String ISSUER = "http://localhost:8000";
  private static final RSAKey KEY = SigningKeyStore.generate();
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private static final UserAccount ALICE =
      new UserAccount("user-1", "org-1", "alice", "hash", Role.USER, false);

  private final MovableClock clock = new MovableClock(NOW);
  private final TokenIssuer issuer = new TokenIssuer(KEY, ISSUER, Duration.ofHours(1), clock);

  @Test
  void aTokenAlreadyVerifiedIsNotVerifiedAgain() {
    CountingDecoder full = new CountingDecoder(PlatformJwtDecoder.create(KEY, ISSUER, clock));
    VerifiedTokenCache cache = new VerifiedTokenCache(full, timestamps(), clock, 100);
    String token = issuer.issue(ALICE).accessToken();

    Jwt first = cache.decode(token).block();
    Jwt second = cache.decode(token).block();

    assertThat(second).isSameAs(first);
    assertThat(full.calls.get()).isEqualTo(1);
  }

  @Test
  void aRememberedTokenIsRefusedOnceItHasExpired() {
    ReactiveJwtDecoder decoder = PlatformJwtDecoder.create(KEY, ISSUER, clock);
    String token = issuer.issue(ALICE).accessToken();
    decoder.decode(token).block();

    clock.advance(Duration.ofHours(2));

    assertThatThrownBy(() -> decoder.decode(token).block())
        .isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void aTamperedCopyOfARememberedTokenIsStillRefused() {
    ReactiveJwtDecoder decoder = PlatformJwtDecoder.create(KEY, ISSUER, clock);
    String token = issuer.issue(ALICE).accessToken();
    decoder.decode(token).block();
    String[] parts = token.split("\\.");
    String otherSignature = parts[2].charAt(0) == 'A' ? "B" : "A";
    String tampered = parts[0] + "." + parts[1] + "." + otherSignature + parts[2].substring(1);

    assertThatThrownBy(() -> decoder.decode(tampered).block()).isInstanceOf(BadJwtException.class);
  }

  @Test
  void aRefusedTokenIsNotRemembered() {
    CountingDecoder full = new CountingDecoder(PlatformJwtDecoder.create(KEY, ISSUER, clock));
    VerifiedTokenCache cache = new VerifiedTokenCache(full, timestamps(), clock, 100);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> cache.decode("not.a.token").block())
          .isInstanceOf(BadJwtException.class);
    }
    assertThat(full.calls.get()).isEqualTo(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void memoryStaysBoundedWhenManyTokensAreInUse() {
    VerifiedTokenCache cache =
        new VerifiedTokenCache(
            PlatformJwtDecoder.create(KEY, ISSUER, clock), timestamps(), clock, 3);

    for (int i = 0; i < 10; i++) {
      assertThat(cache.decode(issuer.issue(ALICE).accessToken()).block()).isNotNull();
    }

    assertThat(cache.size()).isBetween(1, 3);
  }

  private JwtTimestampValidator timestamps() {
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    timestamps.setClock(clock);
    return timestamps;
  }

  private static final class CountingDecoder implements ReactiveJwtDecoder {
    private final ReactiveJwtDecoder delegate;
    private final AtomicInteger calls = new AtomicInteger();

    CountingDecoder(ReactiveJwtDecoder delegate) {
      this.delegate = delegate;
    }

    @Override
    public reactor.core.publisher.Mono<Jwt> decode(String token) {
      calls.incrementAndGet();
      return delegate.decode(token);
    }
  }

  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
