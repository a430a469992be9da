package io.streamspace.server.axon;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC event storage, whose reader of new events fetches at most once per interval unless it
 * is catching up, and which writes events' times without a general formatter ({@link
 * EventTimestamps}).
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
 *
 * <p>The reader's stream ends after a batch that was not full, and the reader opens the next one.
 * The reader keeps the cache's newest event of when its stream began, and every event cached since
 * hangs from that one: a stream that never ended kept every event of a steady load in memory, past
 * the cache's size (67,000 events after 100 s of the benchmark, 2026-11-28). An empty batch ends it
 * too, and then the reader waits to be woken.
 */
final class PacedJdbcEventStorageEngine extends JdbcEventStorageEngine {

  private final long intervalNanos;
  private final AtomicLong readerFetches = new AtomicLong();
  private final AtomicLong readerStreams = new AtomicLong();
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
  protected void writeTimestamp(PreparedStatement statement, int position, Instant timestamp)
      throws SQLException {
    statement.setString(position, EventTimestamps.format(timestamp));
  }

  @Override
  protected Stream<? extends TrackedEventData<?>> readEventData(
      TrackingToken trackingToken, boolean mayBlock) {
    if (!mayBlock) {
      return super.readEventData(trackingToken, false);
    }
    reader = Thread.currentThread();
    readerStreams.incrementAndGet();
    return StreamSupport.stream(new ReaderBatches(trackingToken), false);
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

  /** How many streams the store's reader has opened: one per batch that was not full. */
  long readerStreams() {
    return readerStreams.get();
  }

  /**
   * The reader's batches, fetched on while they come back full, and no further than one that is
   * not.
   */
  private final class ReaderBatches extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

    private TrackingToken lastToken;
    private Iterator<? extends TrackedEventData<?>> batch = Collections.emptyIterator();
    private boolean lastBatch;

    ReaderBatches(TrackingToken from) {
      super(Long.MAX_VALUE, NONNULL | ORDERED | DISTINCT);
      this.lastToken = from;
    }

    @Override
    public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
      if (!batch.hasNext()) {
        if (lastBatch) {
          return false;
        }
        List<? extends TrackedEventData<?>> fetched = fetchTrackedEvents(lastToken, batchSize());
        lastBatch = fetched.size() < batchSize();
        batch = fetched.iterator();
        if (!batch.hasNext()) {
          return false;
        }
      }
      TrackedEventData<?> next = batch.next();
      lastToken = next.trackingToken();
      action.accept(next);
      return true;
    }
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
