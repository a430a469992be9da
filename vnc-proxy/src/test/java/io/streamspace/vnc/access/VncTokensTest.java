package io.streamspace.vnc.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.streamspace.events.common.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VncTokensTest {

  private static final String ISSUER = "http://localhost:8000";
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Instant RUN = Instant.parse("2026-11-25T11:59:00.123Z");
  private static RSAKey key;
  private static VncTokens tokens;

  @BeforeAll
  static void keys() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    tokens = new VncTokens(key, ISSUER, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void aTokenNamesOneRunOfOneSessionForOnePersonAndExpiresAfterItsLifetime() {
    VncGrant grant = tokens.grant("s-1", "ada", "org-1", Role.USER, RUN);
    VncGrant read = tokens.verify(tokens.sign(grant));
    assertThat(read).isEqualTo(grant);
    assertThat(read.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(read.runningSince()).isEqualTo(RUN);
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token = tokens.sign(tokens.grant("s-1", "ada", "org-1", Role.USER, RUN));
    VncTokens later =
        new VncTokens(
            key,
            ISSUER,
            Duration.ofHours(1),
            Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC));
    assertThatThrownBy(() -> later.verify(token)).hasMessageContaining("expired");
  }

  @Test
  void unsignedHmacSignedAndForeignKeyTokensAreRefused() throws Exception {
    JWTClaimsSet claims = claims(VncTokens.AUDIENCE);
    String unsigned = new PlainJWT(new PlainHeader(), claims).serialize();
    SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    hmac.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
    SignedJWT foreign =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), claims);
    foreign.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));

    assertThatThrownBy(() -> tokens.verify(unsigned)).isInstanceOf(VncTokenRejected.class);
    assertThatThrownBy(() -> tokens.verify(hmac.serialize()))
        .hasMessageContaining("not signed by this platform");
    assertThatThrownBy(() -> tokens.verify(foreign.serialize()))
        .hasMessageContaining("not signed by this platform");
  }

  @Test
  void aTokenForAnotherAudienceOrWithoutItsClaimsIsRefused() throws Exception {
    SignedJWT api = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims("streamspace"));
    api.sign(new RSASSASigner(key));
    assertThatThrownBy(() -> tokens.verify(api.serialize()))
        .hasMessageContaining("not a VNC token");

    JWTClaimsSet noSession =
        new JWTClaimsSet.Builder(claims(VncTokens.AUDIENCE)).claim("sid", null).build();
    SignedJWT incomplete = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), noSession);
    incomplete.sign(new RSASSASigner(key));
    assertThatThrownBy(() -> tokens.verify(incomplete.serialize()))
        .hasMessageContaining("lacks a claim");
    assertThatThrownBy(() -> tokens.verify("")).hasMessageContaining("required");
    assertThatThrownBy(() -> tokens.verify("a.b.c")).hasMessageContaining("malformed");
  }

  private static JWTClaimsSet claims(String audience) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(audience)
        .subject("ada")
        .jwtID("t-1")
        .expirationTime(Date.from(NOW.plusSeconds(600)))
        .claim("sid", "s-1")
        .claim("org", "org-1")
        .claim("role", "user")
        .claim("run", RUN.toEpochMilli())
        .build();
  }
}
