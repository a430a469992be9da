package io.streamspace.server.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamspace.server.web.ClientAddressResolver;
import io.streamspace.server.web.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Rate limits when Redis is configured ({@code streamspace.redis.url}) and they are not switched
 * off; none otherwise (the standalone default: one replica, one user at a keyboard).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RateLimitsWanted.class)
public class RateLimitConfiguration {

  @Bean(destroyMethod = "close")
  RedisTokenBuckets redisTokenBuckets(
      RedisProperties redis, RateLimitProperties limits, MeterRegistry meters) {
    return new RedisTokenBuckets(redis.url(), limits.redisTimeout(), meters);
  }

  @Bean
  RateLimitFilter rateLimitFilter(
      RedisTokenBuckets buckets,
      RateLimitProperties limits,
      ClientAddressResolver clientAddresses,
      ProblemResponses problems,
      MeterRegistry meters) {
    return new RateLimitFilter(buckets, limits, clientAddresses, problems, meters);
  }
}
