package io.streamspace.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamspace.server.ratelimit.RateLimitProperties.Bucket;
import io.streamspace.server.ratelimit.TokenBuckets.Draw;
import io.streamspace.server.ratelimit.TokenBuckets.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/**
 * The token buckets against a real redis-server: a bucket lets its capacity through and then
 * refuses with the time until its next token, replicas share one bucket, a draw from several
 * buckets is all or nothing, concurrent draws never overspend, and a Redis that dies lets requests
 * through (fail open) and counts them.
 */
class RedisTokenBucketsTest {

  @RegisterExtension static RedisServer redis = new RedisServer();

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<RedisTokenBuckets> opened = new ArrayList<>();
  private String key;

  @BeforeEach
  void freshKey() {
    key = "test:" + UUID.randomUUID() + ":";
  }

  @AfterEach
  void close() {
    opened.forEach(RedisTokenBuckets::close);
  }

  @Test
  void aBucketLetsItsCapacityThroughThenRefusesUntilItRefills() {
    RedisTokenBuckets buckets = connected();
    Bucket fivePerSecond = new Bucket(5, 5);

    for (int i = 0; i < 5; i++) {
      assertThat(take(buckets, new Draw(key + "user", fivePerSecond)).allowed()).isTrue();
    }
    Outcome refused = take(buckets, new Draw(key + "user", fivePerSecond));

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.limitingDraw()).isZero();
    // one token comes back every 200 ms
    assertThat(refused.retryAfter()).isBetween(Duration.ofMillis(1), Duration.ofMillis(200));
    Awaitility.await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> take(buckets, new Draw(key + "user", fivePerSecond)).allowed());
  }

  @Test
  void replicasDrawFromTheSameBucket() {
    RedisTokenBuckets replicaA = connected();
    RedisTokenBuckets replicaB = connected();
    Bucket slow = new Bucket(4, 0.01);

    assertThat(take(replicaA, new Draw(key + "org", slow)).allowed()).isTrue();
    assertThat(take(replicaB, new Draw(key + "org", slow)).allowed()).isTrue();
    assertThat(take(replicaA, new Draw(key + "org", slow)).allowed()).isTrue();
    assertThat(take(replicaB, new Draw(key + "org", slow)).allowed()).isTrue();

    assertThat(take(replicaA, new Draw(key + "org", slow)).allowed()).isFalse();
    assertThat(take(replicaB, new Draw(key + "org", slow)).allowed()).isFalse();
  }

  @Test
  void aDrawFromSeveralBucketsTakesFromAllOrNone() {
    RedisTokenBuckets buckets = connected();
    Bucket roomy = new Bucket(100, 0.01);
    Bucket tight = new Bucket(1, 0.01);

    assertThat(take(buckets, new Draw(key + "a", roomy), new Draw(key + "b", tight)).allowed())
        .isTrue();
    Outcome refused = take(buckets, new Draw(key + "a", roomy), new Draw(key + "b", tight));

    assertThat(refused.allowed()).isFalse();
    assertThat(refused.limitingDraw()).isEqualTo(1);
    // the refused draw took nothing from the roomy bucket: 99 are left of it
    for (int i = 0; i < 99; i++) {
      assertThat(take(buckets, new Draw(key + "a", roomy)).allowed()).isTrue();
    }
    assertThat(take(buckets, new Draw(key + "a", roomy)).allowed()).isFalse();
  }

  @Test
  void concurrentDrawsNeverSpendMoreThanTheBucketHolds() {
    RedisTokenBuckets replicaA = connected();
    RedisTokenBuckets replicaB = connected();
    Bucket twenty = new Bucket(20, 0.001);

    List<Outcome> outcomes =
        Flux.range(0, 100)
            .flatMap(
                i -> (i % 2 == 0 ? replicaA : replicaB).take(List.of(new Draw(key + "c", twenty))),
                32)
            .collectList()
            .block(Duration.ofSeconds(10));

    assertThat(outcomes).hasSize(100);
    assertThat(outcomes.stream().filter(Outcome::allowed).count()).isEqualTo(20);
    assertThat(meters.counter("streamspace.rate_limit.fail_open").count()).isZero();
  }

  @Test
  void aRedisThatForgotTheScriptIsGivenItAgain() {
    RedisTokenBuckets buckets = connected();
    Bucket one = new Bucket(1, 0.01);
    try (RedisClient admin = RedisClient.create(redis.url())) {
      try (var connection = admin.connect()) {
        connection.sync().scriptFlush();
      }
    }

    assertThat(take(buckets, new Draw(key + "s", one)).allowed()).isTrue();
    assertThat(take(buckets, new Draw(key + "s", one)).allowed()).isFalse();
    assertThat(meters.counter("streamspace.rate_limit.fail_open").count()).isZero();
  }

  @Test
  void aRedisThatDiesLetsRequestsThroughAndCountsThem() {
    RedisTokenBuckets buckets = connected();
    Bucket one = new Bucket(1, 0.001);
    assertThat(take(buckets, new Draw(key + "d", one)).allowed()).isTrue();
    assertThat(take(buckets, new Draw(key + "d", one)).allowed()).isFalse();

    redis.stop();
    try {
      long started = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        assertThat(take(buckets, new Draw(key + "d", one)).allowed()).isTrue();
      }
      // fail open is fast: no request waits long for a Redis that is gone
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      assertThat(meters.counter("streamspace.rate_limit.fail_open").count()).isEqualTo(5);
    } finally {
      redis.start();
    }
    // and once Redis is back, limits hold again (its buckets are gone with it: a fresh one)
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> buckets.isConnected() && !take(buckets, new Draw(key + "d", one)).allowed());
  }

  private RedisTokenBuckets connected() {
    RedisTokenBuckets buckets = new RedisTokenBuckets(redis.url(), Duration.ofMillis(500), meters);
    opened.add(buckets);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(buckets::isConnected);
    return buckets;
  }

  private static Outcome take(RedisTokenBuckets buckets, Draw... draws) {
    return buckets.take(List.of(draws)).block(Duration.ofSeconds(5));
  }
}
