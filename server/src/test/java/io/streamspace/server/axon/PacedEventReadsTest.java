package io.streamspace.server.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.server.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The event store's reader fetches new events from PostgreSQL once per wake interval under a steady
 * stream of commits, and every event still reaches a tailing stream, in order. Its stream ends at
 * every batch that is not full, so that it holds no events past the store's cache.
 */
class PacedEventReadsTest extends IntegrationTest {

  /** A payload only these checks publish. */
  record PacingProbe(int n) {}

  @Autowired EventStore eventStore;
  @Autowired EventStorageEngine storageEngine;

  @Value("${streamspace.query.projections.wake-interval-millis:50}")
  long intervalMillis;

  @Test
  void aSteadyStreamOfCommitsIsFetchedOncePerIntervalInAStreamPerFetchAndArrivesWhole()
      throws Exception {
    PacedJdbcEventStorageEngine engine = (PacedJdbcEventStorageEngine) storageEngine;
    String aggregateId = "pacing-" + UUID.randomUUID();
    List<Integer> seen = new ArrayList<>();
    try (BlockingStream<TrackedEventMessage<?>> stream =
        eventStore.openStream(eventStore.createHeadToken())) {
      long fetchesBefore = engine.readerFetches();
      long streamsBefore = engine.readerStreams();
      long start = System.nanoTime();
      // a commit every 4 ms for about 1.5 s: unpaced, the reader fetched after almost every one
      int commits = 0;
      while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1_500)) {
        int n = commits++;
        DefaultUnitOfWork.startAndGet(null)
            .execute(
                () ->
                    eventStore.publish(
                        new GenericDomainEventMessage<>(
                            "PacingProbe", aggregateId, n, new PacingProbe(n))));
        Thread.sleep(4);
        drain(stream, seen, 0);
      }
      while (seen.size() < commits && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
        drain(stream, seen, 0);
      }
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      long fetches = engine.readerFetches() - fetchesBefore;
      long streams = engine.readerStreams() - streamsBefore;

      assertThat(commits).isGreaterThan(150);
      assertThat(seen).hasSize(commits);
      for (int i = 0; i < commits; i++) {
        assertThat(seen.get(i)).isEqualTo(i);
      }
      // one fetch per interval that passed, and a few more where a batch came back full
      assertThat(fetches).isPositive().isLessThanOrEqualTo(elapsedMillis / intervalMillis + 5);
      // Every fetch found the few commits of its interval, so every one ended its stream. A stream
      // that went on through them kept every event of the 1.5 s in memory, from the one that was
      // newest as it began (the store's reader holds it): one stream, where now each fetch has one.
      assertThat(streams).isGreaterThanOrEqualTo(fetches - 5).isGreaterThan(10);
    }
  }

  private static void drain(
      BlockingStream<TrackedEventMessage<?>> stream, List<Integer> seen, int timeoutMillis)
      throws InterruptedException {
    while (stream.hasNextAvailable(timeoutMillis, TimeUnit.MILLISECONDS)) {
      if (stream.nextAvailable().getPayload() instanceof PacingProbe probe) {
        seen.add(probe.n());
      }
    }
  }
}
