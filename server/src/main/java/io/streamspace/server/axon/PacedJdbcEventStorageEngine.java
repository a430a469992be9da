package io.streamspace.server.axon;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC event storage, whose reader of new events fetches at most once per interval unless it
 * is catching up.
 *
 * <p>The embedded store's reader reads one stream that fetches batch after batch until one comes
 * back empty, and under a steady load each fetch finds the few events committed since the one
 * before: at 1,100 commands a second it fetched about 470 times a second, four events each, every
 * fetch a transaction of its own (2026-11-27). Waking the reader once per interval ({@link
 * GatheringEventStore}) does not space the fetches within its stream; this does. After a batch that
 * was not full the reader's next fetch waits until an interval has passed since the last one, so it
 * takes in an interval's commits, which the read models' processors take in per interval anyway
 * (ADR 0011). A full batch is a backlog, fetched on at once. Only the reader asks with {@code
 * mayBlock}; a processor's stream behind the store's cache reads privately, on its own thread, and
 * is never held back.
 */
final class PacedJdbcEventStorageEngine extends JdbcEventStorageEngine {

  private final long intervalNanos;
  private final AtomicLong readerFetches = new AtomicLong();
  // written and read by the reader's thread only, but the reader may be restarted on another
  private volatile Thread reader;
  private volatile long lastReaderFetch;
  private volatile boolean lastReaderBatchFull;

  PacedJdbcEventStorageEngine(Builder builder, Duration interval) {
    super(builder);
    this.intervalNanos = interval.toNanos();
    this.lastReaderFetch = System.nanoTime() - intervalNanos;
  }

  @Override
  protected Stream<? extends TrackedEventData<?>> readEventData(
      TrackingToken trackingToken, boolean mayBlock) {
    if (mayBlock) {
      reader = Thread.currentThread();
    }
    return super.readEventData(trackingToken, mayBlock);
  }

  @Override
  protected List<? extends TrackedEventData<?>> fetchTrackedEvents(
      TrackingToken lastToken, int batchSize) {
    if (Thread.currentThread() != reader) {
      return super.fetchTrackedEvents(lastToken, batchSize);
    }
    if (!lastReaderBatchFull) {
      waitOutTheInterval();
    }
    List<? extends TrackedEventData<?>> batch = super.fetchTrackedEvents(lastToken, batchSize);
    lastReaderFetch = System.nanoTime();
    lastReaderBatchFull = batch.size() >= batchSize;
    readerFetches.incrementAndGet();
    return batch;
  }

  /** How many fetches the store's reader has made: what the pacing saves shows here. */
  long readerFetches() {
    return readerFetches.get();
  }

  private void waitOutTheInterval() {
    long remaining = lastReaderFetch + intervalNanos - System.nanoTime();
    // an interrupt is the store shutting its reader down: fetch at once and let it end
    while (remaining > 0 && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(this, remaining);
      remaining = lastReaderFetch + intervalNanos - System.nanoTime();
    }
  }
}
