package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Issued tokens carry who the caller is; anything not issued by this platform, for it, now, is
 * refused.
 */
class TokenIssuerTest {

  private static final String ISSUER = "http://localhost:8000";
  private static final RSAKey KEY = SigningKeyStore.generate();
  private static final RSAKey OTHER_KEY = SigningKeyStore.generate();
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private static final UserAccount ALICE =
      new UserAccount("user-1", "org-1", "alice", "hash", Role.ORG_ADMIN, false);

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final TokenIssuer issuer = new TokenIssuer(KEY, ISSUER, Duration.ofHours(1), clock);
  private final ReactiveJwtDecoder decoder = PlatformJwtDecoder.create(KEY, ISSUER, clock);

  @Test
  void anIssuedTokenCarriesWhoTheCallerIsAndRoundTripsThroughTheDecoder() {
    TokenIssuer.IssuedToken token = issuer.issue(ALICE);

    Jwt jwt = decoder.decode(token.accessToken()).block();

    assertThat(token.expiresInSeconds()).isEqualTo(3600);
    assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsEntry("kid", KEY.getKeyID());
    assertThat(jwt.getIssuer().toString()).isEqualTo(ISSUER);
    assertThat(jwt.getSubject()).isEqualTo("user-1");
    assertThat(jwt.getAudience()).containsExactly("streamspace");
    assertThat(jwt.getClaimAsString("org")).isEqualTo("org-1");
    assertThat(jwt.getClaimAsString("role")).isEqualTo("org_admin");
    assertThat(jwt.getClaimAsString("username")).isEqualTo("alice");
    assertThat(jwt.getIssuedAt()).isEqualTo(NOW);
    assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(jwt.getId()).isNotBlank();
    assertThat(PlatformTokenCallerResolver.fromClaims(jwt))
        .isEqualTo(new Requester("user-1", "org-1", Role.ORG_ADMIN));
  }

  @Test
  void everyTokenHasItsOwnId() {
    assertThat(decoder.decode(issuer.issue(ALICE).accessToken()).block().getId())
        .isNotEqualTo(decoder.decode(issuer.issue(ALICE).accessToken()).block().getId());
  }

  @Test
  void anExpiredTokenIsRejected() {
    String token = issuer.issue(ALICE).accessToken();
    ReactiveJwtDecoder twoHoursLater =
        PlatformJwtDecoder.create(
            KEY, ISSUER, Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC));

    assertThatThrownBy(() -> twoHoursLater.decode(token).block())
        .isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRejected() {
    String forged = sign(OTHER_KEY, claims().build());

    assertThatThrownBy(() -> decoder.decode(forged).block())
        .isInstanceOf(BadJwtException.class)
        .rootCause()
        .hasMessageContaining("Invalid signature");
  }

  @Test
  void aTokenForAnotherAudienceIsRejected() {
    String token = sign(KEY, claims().audience("someone-else").build());

    assertThatThrownBy(() -> decoder.decode(token).block())
        .isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("aud");
  }

  @Test
  void aTokenFromAnotherIssuerIsRejected() {
    String token = sign(KEY, claims().issuer("https://elsewhere.example").build());

    assertThatThrownBy(() -> decoder.decode(token).block())
        .isInstanceOf(JwtValidationException.class)
        .hasMessageContaining("iss");
  }

  @Test
  void aTokenWithoutExpiryIsRejected() {
    String token = sign(KEY, claims().expirationTime(null).build());

    assertThatThrownBy(() -> decoder.decode(token).block())
        .isInstanceOf(JwtValidationException.class);
  }

  @Test
  void aValidTokenWithoutOrganizationNamesNoRequester() {
    Jwt jwt = decoder.decode(sign(KEY, claims().claim("org", null).build())).block();

    assertThatThrownBy(() -> PlatformTokenCallerResolver.fromClaims(jwt))
        .isInstanceOf(InvalidBearerTokenException.class)
        .hasMessageContaining("org");
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject("user-1")
        .audience("streamspace")
        .claim("org", "org-1")
        .claim("role", "user")
        .issueTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))));
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(KEY.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
