package io.streamspace.server.identity.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * What a browser login must remember between leaving for the provider and coming back: the
 * provider, the {@code state} and {@code nonce} sent, and the PKCE verifier. The server is
 * stateless and may run as several replicas, so this travels in an HttpOnly cookie, signed with the
 * platform's key (which replicas share) and valid for a few minutes. Its audience is not the API's,
 * so it can never pass for an access token.
 */
record LoginState(String providerId, String state, String nonce, String codeVerifier) {

  static final String AUDIENCE = "streamspace:oidc-login";
  private static final JOSEObjectType TYPE = new JOSEObjectType("oidc-login-state+jwt");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh login of {@code providerId}, with unguessable state, nonce and verifier. */
  static LoginState start(String providerId) {
    return new LoginState(providerId, random(32), random(32), random(48));
  }

  /** The PKCE S256 challenge of the verifier (RFC 7636, section 4.2). */
  String codeChallenge() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** This state as a signed cookie value. */
  String seal(RSAKey key, String issuer, Clock clock, Duration lifetime) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(AUDIENCE)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .claim("provider", providerId)
            .claim("state", state)
            .claim("nonce", nonce)
            .claim("code_verifier", codeVerifier)
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(TYPE).build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the login state", e);
    }
    return jwt.serialize();
  }

  /** The state a cookie holds, when it is ours, unexpired and untampered. */
  static Optional<LoginState> open(String sealed, RSAKey key, String issuer, Clock clock) {
    try {
      SignedJWT jwt = SignedJWT.parse(sealed);
      if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
          || !TYPE.equals(jwt.getHeader().getType())
          || !jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
        return Optional.empty();
      }
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      Date expiry = claims.getExpirationTime();
      if (!issuer.equals(claims.getIssuer())
          || !List.of(AUDIENCE).equals(claims.getAudience())
          || expiry == null
          || !expiry.toInstant().isAfter(clock.instant())) {
        return Optional.empty();
      }
      return Optional.of(
          new LoginState(
              claims.getStringClaim("provider"),
              claims.getStringClaim("state"),
              claims.getStringClaim("nonce"),
              claims.getStringClaim("code_verifier")));
    } catch (ParseException | JOSEException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }
}
