package io.streamspace.server.ratelimit;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Rate limits are wanted when a Redis URL is configured (not blank: an empty environment variable
 * means none) and {@code streamspace.rate-limits.enabled} is not false.
 */
class RateLimitsWanted implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Environment environment = context.getEnvironment();
    String url = environment.getProperty("streamspace.redis.url", "");
    boolean enabled =
        environment.getProperty("streamspace.rate-limits.enabled", Boolean.class, true);
    return !url.isBlank() && enabled;
  }
}
