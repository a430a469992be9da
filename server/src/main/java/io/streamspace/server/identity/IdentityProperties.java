package io.streamspace.server.identity;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the platform issues and checks its own access tokens.
 *
 * @param issuer the {@code iss} claim of issued tokens, checked on every request: the platform's
 *     public URL (Spring Security reads {@code iss} as a URL, so it must be one)
 * @param tokenLifetime how long an access token stays valid
 * @param signingKey the JWK file holding the RSA signing key: generated there on first start when
 *     missing. Replicas of one platform must share it (mount the same file, e.g. from a secret).
 *     Unset, it is {@code keys/jwt-signing.json} in the platform's data directory.
 */
@ConfigurationProperties("streamspace.identity")
public record IdentityProperties(
    @DefaultValue("http://localhost:8000") String issuer,
    @DefaultValue("1h") Duration tokenLifetime,
    Path signingKey) {

  /** The {@code aud} claim: tokens are for this platform's API and nothing else. */
  public static final String AUDIENCE = "streamspace";

  public IdentityProperties {
    if (issuer == null || issuer.isBlank()) {
      issuer = "http://localhost:8000";
    }
    if (tokenLifetime == null) {
      tokenLifetime = Duration.ofHours(1);
    }
    if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
      throw new IllegalArgumentException("streamspace.identity.token-lifetime must be positive");
    }
  }

  /** The signing key file: the configured one, else the default place in {@code dataDir}. */
  public Path signingKeyIn(Path dataDir) {
    return signingKey != null ? signingKey : dataDir.resolve("keys").resolve("jwt-signing.json");
  }
}
