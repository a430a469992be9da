package io.streamspace.vnc.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.streamspace.events.common.Role;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Issues and checks the short-lived tokens that open {@code /ws/vnc}: JWTs signed with the
 * platform's key for their own audience ({@value #AUDIENCE}), so an API token never opens a tunnel
 * and a VNC token is never accepted by the API (which requires the audience {@code streamspace}).
 */
public final class VncTokens {

  public static final String AUDIENCE = "streamspace-vnc";

  private static final String SESSION = "sid";
  private static final String ORGANIZATION = "org";
  private static final String ROLE = "role";
  private static final String RUN = "run";

  private final RSAKey key;
  private final String issuer;
  private final Duration lifetime;
  private final Clock clock;
  private final RSASSASigner signer;
  private final RSASSAVerifier verifier;

  public VncTokens(RSAKey key, String issuer, Duration lifetime, Clock clock) {
    this.key = key;
    this.issuer = issuer;
    this.lifetime = lifetime;
    this.clock = clock;
    try {
      this.signer = new RSASSASigner(key);
      this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
    } catch (JOSEException e) {
      throw new IllegalStateException("the platform signing key cannot sign VNC tokens", e);
    }
  }

  /** A token for {@code userId} to watch this run of the session, expiring after the lifetime. */
  public VncGrant grant(
      String sessionId, String userId, String organizationId, Role role, Instant runningSince) {
    Instant now = clock.instant();
    return new VncGrant(
        UUID.randomUUID().toString(),
        sessionId,
        userId,
        organizationId,
        role,
        runningSince,
        now.plus(lifetime));
  }

  /** The signed token of {@code grant}. */
  public String sign(VncGrant grant) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(AUDIENCE)
            .subject(grant.userId())
            .jwtID(grant.tokenId())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(grant.expiresAt()))
            .claim(SESSION, grant.sessionId())
            .claim(ORGANIZATION, grant.organizationId())
            .claim(ROLE, grant.role().wireName())
            .claim(RUN, grant.runningSince().toEpochMilli())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a VNC token", e);
    }
    return jwt.serialize();
  }

  /**
   * What {@code token} grants, once its signature, issuer, audience and expiry check out.
   *
   * @throws VncTokenRejected otherwise
   */
  public VncGrant verify(String token) {
    if (token == null || token.isBlank()) {
      throw new VncTokenRejected("a VNC token is required (?token=…)");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new VncTokenRejected("the VNC token is malformed");
    }
    // Only our own algorithm: "none", HMAC with the public key as secret and the like are refused
    // before any verification is tried.
    if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
      throw new VncTokenRejected("the VNC token is not signed by this platform");
    }
    try {
      if (!jwt.verify(verifier)) {
        throw new VncTokenRejected("the VNC token is not signed by this platform");
      }
    } catch (JOSEException e) {
      throw new VncTokenRejected("the VNC token is not signed by this platform");
    }
    if (!issuer.equals(claims.getIssuer())) {
      throw new VncTokenRejected("the VNC token was issued by another platform");
    }
    List<String> audience = claims.getAudience();
    if (audience == null || !audience.contains(AUDIENCE)) {
      throw new VncTokenRejected("the token is not a VNC token");
    }
    Date expires = claims.getExpirationTime();
    if (expires == null || !clock.instant().isBefore(expires.toInstant())) {
      throw new VncTokenRejected("the VNC token has expired");
    }
    try {
      String sessionId = claims.getStringClaim(SESSION);
      String organizationId = claims.getStringClaim(ORGANIZATION);
      String role = claims.getStringClaim(ROLE);
      Long run = claims.getLongClaim(RUN);
      if (sessionId == null
          || organizationId == null
          || role == null
          || run == null
          || claims.getSubject() == null) {
        throw new VncTokenRejected("the VNC token lacks a claim");
      }
      return new VncGrant(
          claims.getJWTID(),
          sessionId,
          claims.getSubject(),
          organizationId,
          Role.fromWireName(role),
          Instant.ofEpochMilli(run),
          expires.toInstant());
    } catch (ParseException | IllegalArgumentException e) {
      throw new VncTokenRejected("the VNC token lacks a claim");
    }
  }
}
