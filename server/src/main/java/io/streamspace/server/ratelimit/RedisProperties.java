package io.streamspace.server.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the platform's optional Redis is: rate-limit buckets shared by replicas live there.
 *
 * @param url a Redis URI ({@code redis://host:6379}, {@code rediss://} for TLS, credentials and
 *     database as the URI allows); unset, the platform runs without Redis
 */
@ConfigurationProperties("streamspace.redis")
public record RedisProperties(String url) {

  public RedisProperties {
    url = url == null || url.isBlank() ? null : url.trim();
  }

  public boolean configured() {
    return url != null;
  }
}
