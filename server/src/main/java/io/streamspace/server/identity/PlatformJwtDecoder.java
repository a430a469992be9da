package io.streamspace.server.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Clock;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Builds the decoder that accepts only tokens this platform signed, for itself, still valid. Tokens
 * already verified are remembered ({@link VerifiedTokenCache}) and only their times checked again.
 */
public final class PlatformJwtDecoder {

  private PlatformJwtDecoder() {}

  /** The most verified tokens remembered at once (a few hundred bytes each). */
  static final int VERIFIED_TOKENS_REMEMBERED = 10_000;

  /** A decoder checking the signature against {@code key}, the issuer, the audience and expiry. */
  public static ReactiveJwtDecoder create(RSAKey key, String issuer, Clock clock) {
    NimbusReactiveJwtDecoder decoder;
    try {
      decoder =
          NimbusReactiveJwtDecoder.withPublicKey(key.toRSAPublicKey())
              .signatureAlgorithm(SignatureAlgorithm.RS256)
              .build();
    } catch (JOSEException e) {
      throw new IllegalStateException("the signing key has no usable public part", e);
    }
    JwtTimestampValidator timestamps = new JwtTimestampValidator();
    timestamps.setClock(clock);
    OAuth2TokenValidator<Jwt> audience =
        new JwtClaimValidator<List<String>>(
            JwtClaimNames.AUD, aud -> aud != null && aud.contains(IdentityProperties.AUDIENCE));
    OAuth2TokenValidator<Jwt> expiryPresent =
        new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null);
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(
            timestamps, new JwtIssuerValidator(issuer), audience, expiryPresent));
    return new VerifiedTokenCache(decoder, timestamps, clock, VERIFIED_TOKENS_REMEMBERED);
  }
}
