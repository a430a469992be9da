package io.streamspace.server.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Signs the platform's own access tokens (RS256) for people who logged in with a password. */
public class TokenIssuer {

  /** Claim naming the organization the subject belongs to. */
  public static final String ORGANIZATION_CLAIM = "org";

  /** Claim naming the subject's role, in its wire form ({@code user}, {@code org_admin}, ...). */
  public static final String ROLE_CLAIM = "role";

  /** Claim carrying the login name, for display and logs. */
  public static final String USERNAME_CLAIM = "username";

  private final RSAKey signingKey;
  private final RSASSASigner signer;
  private final String issuer;
  private final Duration lifetime;
  private final Clock clock;

  public TokenIssuer(RSAKey signingKey, String issuer, Duration lifetime, Clock clock) {
    this.signingKey = signingKey;
    this.issuer = issuer;
    this.lifetime = lifetime;
    this.clock = clock;
    try {
      this.signer = new RSASSASigner(signingKey);
    } catch (JOSEException e) {
      throw new IllegalStateException("the signing key cannot sign", e);
    }
  }

  /** The {@code iss} of every token this issuer signs. */
  public String issuer() {
    return issuer;
  }

  /** A fresh access token for {@code account}. */
  public IssuedToken issue(UserAccount account) {
    Instant now = clock.instant();
    Instant expiry = now.plus(lifetime);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(account.userId())
            .audience(IdentityProperties.AUDIENCE)
            .claim(ORGANIZATION_CLAIM, account.organizationId())
            .claim(ROLE_CLAIM, account.role().wireName())
            .claim(USERNAME_CLAIM, account.username())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expiry))
            .jwtID(UUID.randomUUID().toString())
            .build();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256)
            .keyID(signingKey.getKeyID())
            .type(JOSEObjectType.JWT)
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
    return new IssuedToken(jwt.serialize(), lifetime.toSeconds());
  }

  /** A signed token and how many seconds it stays valid. */
  public record IssuedToken(String accessToken, long expiresInSeconds) {}
}
