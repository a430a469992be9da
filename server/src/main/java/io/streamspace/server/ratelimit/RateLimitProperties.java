package io.streamspace.server.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets that cap how fast the API is called, kept in Redis so every replica draws from the
 * same buckets. Without Redis ({@code streamspace.redis.url} unset, the standalone default) there
 * are no limits.
 *
 * @param enabled switches the limits off even when Redis is configured
 * @param perUser each caller's bucket (default: bursts of 200, 20 a second)
 * @param perOrganization each organization's bucket, shared by all its members (default: bursts of
 *     1000, 100 a second)
 * @param perIp each client address's bucket, also for callers not (yet) authenticated (default:
 *     bursts of 300, 30 a second)
 * @param redisTimeout how long a bucket check may wait for Redis before the request goes on
 *     unlimited (fail open)
 * @param keyPrefix the prefix of the bucket keys in Redis
 */
@ConfigurationProperties("streamspace.rate-limits")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    Bucket perUser,
    Bucket perOrganization,
    Bucket perIp,
    @DefaultValue("250ms") Duration redisTimeout,
    @DefaultValue("streamspace:rate:") String keyPrefix) {

  public RateLimitProperties {
    perUser = perUser == null ? new Bucket(200, 20) : perUser;
    perOrganization = perOrganization == null ? new Bucket(1000, 100) : perOrganization;
    perIp = perIp == null ? new Bucket(300, 30) : perIp;
    redisTimeout = redisTimeout == null ? Duration.ofMillis(250) : redisTimeout;
    keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? "streamspace:rate:" : keyPrefix;
  }

  /**
   * One kind of bucket.
   *
   * @param capacity the most requests that may come in one burst
   * @param refillPerSecond the requests a second it allows in the long run
   */
  public record Bucket(
      @DefaultValue("200") int capacity, @DefaultValue("20") double refillPerSecond) {

    public Bucket {
      if (capacity < 1) {
        throw new IllegalArgumentException("a rate-limit bucket's capacity must be at least 1");
      }
      if (!(refillPerSecond > 0)) {
        throw new IllegalArgumentException("a rate-limit bucket's refill-per-second must be > 0");
      }
    }
  }
}
