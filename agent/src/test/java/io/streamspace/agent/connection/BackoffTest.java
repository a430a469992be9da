package io.streamspace.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reconnect delays: capped exponential ceilings, full jitter below them, reset after a connection.
 */
class BackoffTest {

  static final Backoff.Policy POLICY =
      new Backoff.Policy(Duration.ofMillis(500), 2.0, Duration.ofSeconds(30));

  @Test
  void eachDelayLiesBetweenZeroAndADoublingCeilingCappedAtTheMaximum() {
    Backoff backoff = new Backoff(POLICY, new Random(42));
    long[] ceilings = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000};

    for (long ceiling : ceilings) {
      assertThat(backoff.ceiling()).isEqualTo(Duration.ofMillis(ceiling));
      assertThat(backoff.next()).isBetween(Duration.ZERO, Duration.ofMillis(ceiling));
    }
  }

  @Test
  void theSameSeedGivesTheSameDelaysAndTheJitterSpreadsThem() {
    List<Duration> first = delays(new Backoff(POLICY, new Random(7)), 200);
    List<Duration> second = delays(new Backoff(POLICY, new Random(7)), 200);

    assertThat(first).isEqualTo(second);
    // At the cap the delays spread over the whole range rather than bunching at the top.
    List<Duration> capped = first.subList(10, 200);
    assertThat(capped).anyMatch(d -> d.compareTo(Duration.ofSeconds(10)) < 0);
    assertThat(capped).anyMatch(d -> d.compareTo(Duration.ofSeconds(20)) > 0);
    assertThat(capped).allMatch(d -> d.compareTo(Duration.ofSeconds(30)) <= 0);
  }

  @Test
  void aConnectionThatWasUpStartsTheNextOutageFromTheInitialDelay() {
    Backoff backoff = new Backoff(POLICY, new Random(1));
    delays(backoff, 8);
    assertThat(backoff.ceiling()).isEqualTo(Duration.ofSeconds(30));

    backoff.reset();

    assertThat(backoff.ceiling()).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofMillis(500));
  }

  @Test
  void nonsensicalPoliciesAreRefused() {
    assertThatThrownBy(() -> new Backoff.Policy(Duration.ZERO, 2, Duration.ofSeconds(1)))
        .hasMessageContaining("initial");
    assertThatThrownBy(() -> new Backoff.Policy(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2)))
        .hasMessageContaining("factor");
    assertThatThrownBy(() -> new Backoff.Policy(Duration.ofSeconds(2), 2, Duration.ofSeconds(1)))
        .hasMessageContaining("maximum");
  }

  private static List<Duration> delays(Backoff backoff, int count) {
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      delays.add(backoff.next());
    }
    return delays;
  }
}
