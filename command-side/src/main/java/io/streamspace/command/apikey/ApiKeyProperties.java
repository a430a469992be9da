package io.streamspace.command.apikey;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How API keys are issued and their use recorded.
 *
 * @param maxLifetime the longest expiry a key may be given: every key expires, none later than this
 *     after it is issued
 * @param lastUseFlushInterval how often the last use of keys is written to the table, in one batch
 *     for all keys used since (not a write per request)
 * @param useAuditInterval a key's use is audited (an {@code ApiKeyUsed} event) once per key and
 *     interval, not on every request
 * @param auditedUsesPerMinute at most this many uses of all keys are audited a minute, so a flood
 *     of keys cannot flood the event store
 */
@ConfigurationProperties("streamspace.api-keys")
public record ApiKeyProperties(
    @DefaultValue("365d") Duration maxLifetime,
    @DefaultValue("30s") Duration lastUseFlushInterval,
    @DefaultValue("1h") Duration useAuditInterval,
    @DefaultValue("600") int auditedUsesPerMinute) {

  public ApiKeyProperties {
    maxLifetime = maxLifetime == null ? Duration.ofDays(365) : maxLifetime;
    lastUseFlushInterval =
        lastUseFlushInterval == null ? Duration.ofSeconds(30) : lastUseFlushInterval;
    useAuditInterval = useAuditInterval == null ? Duration.ofHours(1) : useAuditInterval;
    if (maxLifetime.isNegative() || maxLifetime.isZero()) {
      throw new IllegalArgumentException("streamspace.api-keys.max-lifetime must be positive");
    }
    if (lastUseFlushInterval.isNegative() || lastUseFlushInterval.isZero()) {
      throw new IllegalArgumentException(
          "streamspace.api-keys.last-use-flush-interval must be positive");
    }
  }
}
