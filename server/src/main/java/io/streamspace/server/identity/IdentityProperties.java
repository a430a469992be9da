package io.streamspace.server.identity;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the platform issues and checks its own access tokens.
 *
 * @param issuer the {@code iss} claim of issued tokens, checked on every request
 * @param tokenLifetime how long an access token stays valid
 * @param signingKey the JWK file holding the RSA signing key: generated there on first start when
 *     missing. Replicas of one platform must share it (mount the same file, e.g. from a secret).
 */
@ConfigurationProperties("streamspace.identity")
public record IdentityProperties(
    @DefaultValue("streamspace") String issuer,
    @DefaultValue("1h") Duration tokenLifetime,
    Path signingKey) {

  /** The {@code aud} claim: tokens are for this platform's API and nothing else. */
  public static final String AUDIENCE = "streamspace";

  public IdentityProperties {
    if (issuer == null || issuer.isBlank()) {
      issuer = "streamspace";
    }
    if (tokenLifetime == null) {
      tokenLifetime = Duration.ofHours(1);
    }
    if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
      throw new IllegalArgumentException("streamspace.identity.token-lifetime must be positive");
    }
    if (signingKey == null) {
      signingKey = defaultDataDir().resolve("keys").resolve("jwt-signing.json");
    }
  }

  static Path defaultDataDir() {
    String fromEnvironment = System.getenv("STREAMSPACE_DATA_DIR");
    return fromEnvironment != null && !fromEnvironment.isBlank()
        ? Path.of(fromEnvironment)
        : Path.of(System.getProperty("user.home"), ".streamspace");
  }
}
