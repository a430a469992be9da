package io.streamspace.server.ratelimit;

import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/** Takes a token from several buckets at once, all or none. */
public interface TokenBuckets {

  /** A bucket to draw from: its key and its shape. */
  record Draw(String key, RateLimitProperties.Bucket bucket) {}

  /**
   * The outcome of one draw: allowed, or refused with how long until it would be allowed and the
   * draw (index into the request) that refused it.
   */
  record Outcome(boolean allowed, Duration retryAfter, int limitingDraw) {

    static final Outcome ALLOWED = new Outcome(true, Duration.ZERO, -1);
  }

  /** Draws one token from each of {@code draws}; never blocks, never fails (fails open). */
  Mono<Outcome> take(List<Draw> draws);
}
