package io.streamspace.server.identity;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the platform issues and checks its own access tokens.
 *
 * @param issuer the {@code iss} claim of issued tokens, checked on every request: the platform's
 *     public URL (Spring Security reads {@code iss} as a URL, so it must be one). Unset, it is
 *     {@code http://localhost:<server.port>}.
 * @param tokenLifetime how long an access token stays valid
 * @param signingKey the JWK file holding the RSA signing key: generated there on first start when
 *     missing. Replicas of one platform must share it (mount the same file, e.g. from a secret).
 *     Unset, it is {@code keys/jwt-signing.json} in the platform's data directory.
 * @param accountCheckInterval how long a caller's account standing (disabled, role) is remembered
 *     before the account table is read again: the longest a disabled or demoted account keeps
 *     acting with a token issued before the change
 * @param accountCheckCacheSize how many callers' standings are remembered at most
 */
@ConfigurationProperties("streamspace.identity")
public record IdentityProperties(
    String issuer,
    @DefaultValue("1h") Duration tokenLifetime,
    Path signingKey,
    @DefaultValue("5s") Duration accountCheckInterval,
    @DefaultValue("10000") int accountCheckCacheSize) {

  /** The {@code aud} claim: tokens are for this platform's API and nothing else. */
  public static final String AUDIENCE = "streamspace";

  private static final int DEFAULT_PORT = 8000;

  public IdentityProperties {
    if (issuer != null && issuer.isBlank()) {
      issuer = null;
    }
    if (tokenLifetime == null) {
      tokenLifetime = Duration.ofHours(1);
    }
    if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
      throw new IllegalArgumentException("streamspace.identity.token-lifetime must be positive");
    }
    if (accountCheckInterval == null) {
      accountCheckInterval = Duration.ofSeconds(5);
    }
    if (accountCheckInterval.isNegative()) {
      throw new IllegalArgumentException(
          "streamspace.identity.account-check-interval must not be negative");
    }
    if (accountCheckCacheSize <= 0) {
      accountCheckCacheSize = 10_000;
    }
  }

  /**
   * The issuer to put in tokens and to check: the configured one, else the local URL of the port
   * the server listens on ({@code serverPort} is {@code server.port}, {@code null} when unset).
   */
  public String issuerFor(String serverPort) {
    if (issuer != null) {
      return issuer;
    }
    String port = serverPort == null || serverPort.isBlank() ? "" + DEFAULT_PORT : serverPort;
    return "http://localhost:" + port.trim();
  }

  /** The signing key file: the configured one, else the default place in {@code dataDir}. */
  public Path signingKeyIn(Path dataDir) {
    return signingKey != null ? signingKey : dataDir.resolve("keys").resolve("jwt-signing.json");
  }
}
