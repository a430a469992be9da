package io.streamspace.server.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the password login resists guessing: a username, and separately a client address, that fails
 * too often within a window is locked for a while, twice as long after each lockout, up to a cap.
 * Locked, the login answers 429 with {@code Retry-After} without checking the password.
 *
 * @param maxFailuresPerUsername failures of one username within {@code window} that lock it
 * @param maxFailuresPerAddress failures from one client address within {@code window} that lock it
 *     (higher: many people may share an address behind a NAT)
 * @param window how long failures are counted from the first one
 * @param firstLockout how long the first lockout lasts; each further one doubles it
 * @param maxLockout the longest a lockout lasts
 * @param auditedFailuresPerMinute at most this many failed logins are audited a minute, so a flood
 *     of guesses cannot flood the event store
 */
@ConfigurationProperties("streamspace.identity.login-protection")
public record LoginProtectionProperties(
    @DefaultValue("5") int maxFailuresPerUsername,
    @DefaultValue("50") int maxFailuresPerAddress,
    @DefaultValue("15m") Duration window,
    @DefaultValue("1m") Duration firstLockout,
    @DefaultValue("1h") Duration maxLockout,
    @DefaultValue("600") int auditedFailuresPerMinute) {

  public LoginProtectionProperties {
    window = window == null ? Duration.ofMinutes(15) : window;
    firstLockout = firstLockout == null ? Duration.ofMinutes(1) : firstLockout;
    maxLockout = maxLockout == null ? Duration.ofHours(1) : maxLockout;
    if (maxFailuresPerUsername < 1 || maxFailuresPerAddress < 1) {
      throw new IllegalArgumentException(
          "streamspace.identity.login-protection.max-failures-* must be at least 1");
    }
  }

  /** The defaults, for code and tests that run without Spring's binder. */
  public static LoginProtectionProperties defaults() {
    return new LoginProtectionProperties(5, 50, null, null, null, 600);
  }
}
