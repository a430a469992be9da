package io.streamspace.server.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the HTTP API treats requests before they reach a controller.
 *
 * @param maxBodySize the largest request body the API reads; larger ones are answered 413
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For}
 *     is believed; empty means the client address is the connection's remote address
 * @param idempotencyKeyTtl how long a stored {@code Idempotency-Key} answer is replayed
 * @param idempotencyLease how long an unfinished request holds its key before another may take it
 *     over (a replica that died mid-request must not block the key for a day)
 */
@ConfigurationProperties("streamspace.http")
public record HttpProperties(
    @DefaultValue("256KB") DataSize maxBodySize,
    @DefaultValue List<String> trustedProxies,
    @DefaultValue("24h") Duration idempotencyKeyTtl,
    @DefaultValue("2m") Duration idempotencyLease) {

  public HttpProperties {
    maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(256) : maxBodySize;
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    idempotencyKeyTtl = idempotencyKeyTtl == null ? Duration.ofHours(24) : idempotencyKeyTtl;
    idempotencyLease = idempotencyLease == null ? Duration.ofMinutes(2) : idempotencyLease;
  }

  /** The defaults, for code and tests that run without Spring's binder. */
  public static HttpProperties defaults() {
    return new HttpProperties(null, null, null, null);
  }
}
