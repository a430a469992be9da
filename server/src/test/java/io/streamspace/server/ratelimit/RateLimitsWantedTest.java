package io.streamspace.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Rate limits are on exactly when a Redis URL is configured and they are not switched off: no Redis
 * (the standalone default), or an empty URL, means no limits.
 */
class RateLimitsWantedTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Probe.class);

  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  @org.springframework.context.annotation.Conditional(RateLimitsWanted.class)
  static class Probe {}

  @Test
  void withoutRedisThereAreNone() {
    runner.run(context -> assertThat(context).doesNotHaveBean(Probe.class));
  }

  @Test
  void anEmptyRedisUrlIsNoRedis() {
    runner
        .withPropertyValues("streamspace.redis.url=")
        .run(context -> assertThat(context).doesNotHaveBean(Probe.class));
  }

  @Test
  void withRedisThereAreLimits() {
    runner
        .withPropertyValues("streamspace.redis.url=redis://localhost:6379")
        .run(context -> assertThat(context).hasSingleBean(Probe.class));
  }

  @Test
  void theyCanBeSwitchedOffDespiteRedis() {
    runner
        .withPropertyValues(
            "streamspace.redis.url=redis://localhost:6379", "streamspace.rate-limits.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(Probe.class));
  }
}
