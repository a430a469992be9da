package io.streamspace.server.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifiersTest {

  private static final Instant NOW = Instant.parse("2026-11-27T03:30:00.123Z");

  @Test
  void axonFindsItForEveryMessage() {
    assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifiers.class);
    assertThat(UUID.fromString(IdentifierFactory.getInstance().generateIdentifier()).version())
        .isEqualTo(7);
  }

  @Test
  void anIdentifierIsAVersionSevenUuidCarryingItsMillisecond() {
    UUID id = new TimeOrderedIdentifiers(Clock.fixed(NOW, ZoneOffset.UTC)).nextUuid();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2); // RFC 9562's variant, bits 10
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
  }

  @Test
  void identifiersOfLaterMillisecondsSortAfterEarlierOnesAsText() {
    List<String> ids = new ArrayList<>();
    for (long millis = 0; millis < 2_000; millis += 7) {
      Instant at = NOW.plusMillis(millis);
      ids.add(new TimeOrderedIdentifiers(Clock.fixed(at, ZoneOffset.UTC)).generateIdentifier());
    }

    assertThat(ids).isSorted();
  }

  @Test
  void threadsDrawingInTheSameMillisecondNeverRepeatAnIdentifier() throws Exception {
    TimeOrderedIdentifiers identifiers =
        new TimeOrderedIdentifiers(Clock.fixed(NOW, ZoneOffset.UTC));
    int threads = 4;
    int perThread = 100_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<List<String>>> draws = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        draws.add(
            () -> {
              List<String> drawn = new ArrayList<>(perThread);
              for (int i = 0; i < perThread; i++) {
                drawn.add(identifiers.generateIdentifier());
              }
              return drawn;
            });
      }
      Set<String> unique = new HashSet<>();
      for (Future<List<String>> drawn : pool.invokeAll(draws)) {
        unique.addAll(drawn.get());
      }
      assertThat(unique).hasSize(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }
}
