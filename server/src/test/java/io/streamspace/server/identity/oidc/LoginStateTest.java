package io.streamspace.server.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The browser login's state cookie opens only as it was sealed: ours, unexpired, untouched. */
class LoginStateTest {

  private static final String ISSUER = "http://localhost:8000";
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);

  private final RSAKey key = key();

  @Test
  void aSealedStateOpensAsItWas() {
    LoginState state = LoginState.start("okta");

    assertThat(LoginState.open(seal(state), key, ISSUER, NOW)).contains(state);
  }

  @Test
  void theChallengeIsTheS256OfTheVerifier() throws Exception {
    LoginState state = LoginState.start("okta");
    String expected =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(state.codeVerifier().getBytes(StandardCharsets.US_ASCII)));

    assertThat(state.codeChallenge()).isEqualTo(expected);
    assertThat(state.codeVerifier()).hasSizeGreaterThanOrEqualTo(43); // RFC 7636, section 4.1
  }

  @Test
  void anExpiredStateDoesNotOpen() {
    String sealed = seal(LoginState.start("okta"));
    Clock later = Clock.offset(NOW, Duration.ofMinutes(11));

    assertThat(LoginState.open(sealed, key, ISSUER, later)).isEmpty();
  }

  @Test
  void aStateSealedWithAnotherKeyDoesNotOpen() {
    String sealed = LoginState.start("okta").seal(key(), ISSUER, NOW, Duration.ofMinutes(10));

    assertThat(LoginState.open(sealed, key, ISSUER, NOW)).isEmpty();
  }

  @Test
  void aTamperedStateDoesNotOpen() {
    String[] parts = seal(LoginState.start("okta")).split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String otherProvider = payload.replace("\"okta\"", "\"evil\"");
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(otherProvider.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    assertThat(LoginState.open(tampered, key, ISSUER, NOW)).isEmpty();
  }

  @Test
  void garbageDoesNotOpen() {
    assertThat(LoginState.open("not-a-jwt", key, ISSUER, NOW)).isEmpty();
  }

  @Test
  void everyLoginGetsItsOwnStateNonceAndVerifier() {
    LoginState a = LoginState.start("okta");
    LoginState b = LoginState.start("okta");

    assertThat(a.state()).isNotEqualTo(b.state());
    assertThat(a.nonce()).isNotEqualTo(b.nonce());
    assertThat(a.codeVerifier()).isNotEqualTo(b.codeVerifier());
  }

  private String seal(LoginState state) {
    return state.seal(key, ISSUER, NOW, Duration.ofMinutes(10));
  }

  private static RSAKey key() {
    try {
      return new RSAKeyGenerator(2048).algorithm(JWSAlgorithm.RS256).keyID("k").generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
