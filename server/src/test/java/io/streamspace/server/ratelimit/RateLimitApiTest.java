package io.streamspace.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The API's rate limits through the running server with a real Redis: a caller, an organization and
 * a client address each have a bucket; an empty one answers 429 problem+json with {@code
 * Retry-After}; a Redis that dies lets everything through (and counts it) instead of failing.
 *
 * <p>Small buckets that hardly refill, and a trusted proxy, so each test comes from an address of
 * its own ({@code X-Forwarded-For}) and tests do not share the address bucket.
 */
class RateLimitApiTest extends IntegrationTest {

  @RegisterExtension static RedisServer redis = new RedisServer();

  private static final AtomicInteger addresses = new AtomicInteger(1);

  @DynamicPropertySource
  static void limits(DynamicPropertyRegistry registry) {
    registry.add("streamspace.redis.url", redis::url);
    registry.add("streamspace.http.trusted-proxies", () -> "127.0.0.1");
    registry.add("streamspace.rate-limits.per-user.capacity", () -> "3");
    registry.add("streamspace.rate-limits.per-user.refill-per-second", () -> "0.01");
    registry.add("streamspace.rate-limits.per-organization.capacity", () -> "5");
    registry.add("streamspace.rate-limits.per-organization.refill-per-second", () -> "0.01");
    registry.add("streamspace.rate-limits.per-ip.capacity", () -> "8");
    registry.add("streamspace.rate-limits.per-ip.refill-per-second", () -> "0.01");
  }

  @Autowired RedisTokenBuckets buckets;
  @Autowired MeterRegistry meters;

  private String address;
  private String org;

  @BeforeEach
  void ownAddressAndOrganization() {
    address = "10.0." + (addresses.get() / 250) + "." + (addresses.getAndIncrement() % 250 + 1);
    org = newId();
    awaitRedisAnswers();
  }

  @Test
  void aCallerBeyondTheirBucketIsAnswered429WithRetryAfter() {
    Requester alice = new Requester("alice-" + org, org, Role.USER);
    for (int i = 0; i < 3; i++) {
      get(alice, "/api/v1/sessions").expectStatus().isOk();
    }

    get(alice, "/api/v1/sessions")
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value)).isPositive())
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:streamspace:problem:rate-limited")
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).startsWith("too many requests: your rate"));
    assertThat(meters.counter("streamspace.rate_limit.rejected", "bucket", "user").count())
        .isPositive();
  }

  @Test
  void membersOfOneOrganizationShareItsBucket() {
    Requester alice = new Requester("alice-" + org, org, Role.USER);
    Requester bob = new Requester("bob-" + org, org, Role.USER);
    for (int i = 0; i < 3; i++) {
      get(alice, "/api/v1/sessions").expectStatus().isOk();
    }
    address = "192.168.200." + (addresses.getAndIncrement() % 250 + 1);
    get(bob, "/api/v1/sessions").expectStatus().isOk();
    get(bob, "/api/v1/sessions").expectStatus().isOk();

    get(bob, "/api/v1/sessions")
        .expectStatus()
        .isEqualTo(429)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("your organization's rate limit"));
  }

  @Test
  void anAddressBeyondItsBucketIsRefusedEvenBeforeLoggingIn() {
    for (int i = 0; i < 8; i++) {
      login().expectStatus().isUnauthorized();
    }

    login()
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .exists(HttpHeaders.RETRY_AFTER)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("your address's rate limit"));
  }

  @Test
  void whatIsNotTheApiIsNotLimited() {
    for (int i = 0; i < 12; i++) {
      client
          .get()
          .uri("/actuator/health")
          .header("X-Forwarded-For", address)
          .exchange()
          .expectStatus()
          .isOk();
    }
  }

  @Test
  void aRedisThatDiesLetsRequestsThroughInsteadOfFailingThem() {
    Requester carol = new Requester("carol-" + org, org, Role.USER);
    double failedOpenBefore = meters.counter("streamspace.rate_limit.fail_open").count();
    redis.stop();
    try {
      for (int i = 0; i < 6; i++) {
        get(carol, "/api/v1/sessions").expectStatus().isOk();
      }
      assertThat(meters.counter("streamspace.rate_limit.fail_open").count())
          .isGreaterThanOrEqualTo(failedOpenBefore + 6);
    } finally {
      redis.start();
    }
    awaitRedisAnswers();
    // limits hold again once Redis is back (its buckets were lost with it: carol starts afresh)
    address = "172.16.0." + (addresses.getAndIncrement() % 250 + 1);
    for (int i = 0; i < 3; i++) {
      get(carol, "/api/v1/sessions").expectStatus().isOk();
    }
    get(carol, "/api/v1/sessions").expectStatus().isEqualTo(429);
  }

  private void awaitRedisAnswers() {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              double before = meters.counter("streamspace.rate_limit.fail_open").count();
              buckets
                  .take(
                      List.of(
                          new TokenBuckets.Draw(
                              "probe:" + newId(), new RateLimitProperties.Bucket(1, 1))))
                  .block(Duration.ofSeconds(5));
              return meters.counter("streamspace.rate_limit.fail_open").count() == before;
            });
  }

  private WebTestClient.ResponseSpec get(Requester requester, String path) {
    return client
        .get()
        .uri(path)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(requester))
        .header("X-Forwarded-For", address)
        .exchange();
  }

  private WebTestClient.ResponseSpec login() {
    return client
        .post()
        .uri("/api/v1/auth/login")
        .header("X-Forwarded-For", address)
        .contentType(MediaType.APPLICATION_JSON)
        // a name of its own each time: the login's own lockout per username is not what this checks
        .bodyValue(Map.of("username", "nobody-" + newId(), "password", "wrong password"))
        .exchange();
  }
}
