package io.streamspace.agent.connection;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delays between reconnect attempts: capped exponential backoff with full jitter, so a fleet of
 * agents that lost the server together does not come back in lockstep.
 *
 * <p>Attempt {@code n} (from 0) waits a random time in {@code [0, min(max, initial * factor^n)]};
 * {@link #reset()} starts again from {@code initial} once a connection has been up.
 */
public final class Backoff {

  /**
   * How the ceiling grows: from {@code initial} by {@code factor} per attempt, up to {@code max}.
   */
  public record Policy(Duration initial, double factor, Duration max) {

    public static final Policy DEFAULT =
        new Policy(Duration.ofMillis(500), 2.0, Duration.ofSeconds(30));

    public Policy {
      if (initial == null || initial.isNegative() || initial.isZero()) {
        throw new IllegalArgumentException("the initial reconnect delay must be positive");
      }
      if (!(factor >= 1.0)) {
        throw new IllegalArgumentException("the reconnect factor must be at least 1: " + factor);
      }
      if (max == null || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "the maximum reconnect delay must be >= the initial one");
      }
    }
  }

  private final Policy policy;
  private final RandomGenerator random;
  private long ceilingNanos;

  public Backoff(Policy policy, RandomGenerator random) {
    this.policy = policy;
    this.random = random;
    this.ceilingNanos = policy.initial().toNanos();
  }

  /** The delay before the next attempt; each call raises the ceiling for the one after. */
  public synchronized Duration next() {
    long ceiling = ceilingNanos;
    double grown = ceiling * policy.factor();
    ceilingNanos = (long) Math.min(grown, policy.max().toNanos());
    return Duration.ofNanos((long) (random.nextDouble() * ceiling));
  }

  /** The upper bound of the next delay. */
  public synchronized Duration ceiling() {
    return Duration.ofNanos(ceilingNanos);
  }

  /** A connection was up: the next outage starts again from the initial delay. */
  public synchronized void reset() {
    ceilingNanos = policy.initial().toNanos();
  }
}
