package io.streamspace.server.settings;

import java.util.List;

/**
 * The platform's effective configuration as {@code GET /api/v1/admin/settings} shows it to system
 * admins, grouped by area. Durations are whole seconds. Secrets (client secrets, the Redis URL with
 * its credentials, signing keys) are never part of it.
 */
public record PlatformSettings(
    SignIn signIn, Sessions sessions, Vnc vnc, RateLimits rateLimits, Agents agents) {

  /**
   * How people sign in.
   *
   * @param passwordLogin whether the standalone username and password login answers
   * @param tokenLifetimeSeconds how long a platform access token stays valid
   * @param maxFailuresPerUsername failed logins of one username that lock it
   * @param maxFailuresPerAddress failed logins from one client address that lock it
   * @param firstLockoutSeconds the first lockout's length (each further one doubles it)
   * @param apiKeyMaxLifetimeSeconds the longest expiry an API key may be given
   * @param providers the external OpenID Connect providers
   */
  public record SignIn(
      boolean passwordLogin,
      long tokenLifetimeSeconds,
      int maxFailuresPerUsername,
      int maxFailuresPerAddress,
      long firstLockoutSeconds,
      long apiKeyMaxLifetimeSeconds,
      List<Provider> providers) {}

  /**
   * One OpenID Connect provider, without its client secret.
   *
   * @param organization the organization everyone of this provider joins, when fixed
   * @param organizationClaim the claim naming a person's organization, when not fixed
   */
  public record Provider(
      String id,
      String displayName,
      String issuer,
      String clientId,
      String organization,
      String organizationClaim) {}

  /**
   * Session defaults.
   *
   * @param idleHibernateAfterSeconds an unwatched running session is hibernated after this
   * @param idleStopAfterSeconds a hibernated session is stopped after this
   * @param pendingTimeoutSeconds a session waiting for an agent fails after this
   * @param startingTimeoutSeconds an agent starting a session must report it running within this
   */
  public record Sessions(
      long idleHibernateAfterSeconds,
      long idleStopAfterSeconds,
      long pendingTimeoutSeconds,
      long startingTimeoutSeconds) {}

  /**
   * The in-browser desktop's connection.
   *
   * @param allowedOrigins browser origins allowed to open {@code /ws/vnc} besides the server's own
   */
  public record Vnc(
      long tokenLifetimeSeconds,
      int maxTunnelsPerSession,
      int maxMessageBytes,
      List<String> allowedOrigins) {}

  /**
   * API rate limits.
   *
   * @param enforced whether limits apply: enabled and Redis configured (without Redis there are
   *     none)
   * @param enabled the switch as configured
   * @param redisConfigured whether a Redis is configured (its address is not shown: it may hold
   *     credentials)
   */
  public record RateLimits(
      boolean enforced,
      boolean enabled,
      boolean redisConfigured,
      Bucket perUser,
      Bucket perOrganization,
      Bucket perIp) {}

  /** One token bucket: bursts of {@code capacity}, {@code refillPerSecond} in the long run. */
  public record Bucket(int capacity, double refillPerSecond) {}

  /**
   * How the server treats agents.
   *
   * @param silenceLimitSeconds an agent silent this long counts as disconnected
   * @param localAgentTokenKept whether the server keeps a token for a local agent beside it
   * @param localAgentRuns whether the server runs that local agent as its child process
   */
  public record Agents(
      long heartbeatIntervalSeconds,
      int missedHeartbeats,
      long silenceLimitSeconds,
      boolean localAgentTokenKept,
      boolean localAgentRuns,
      String localAgentId) {}
}
