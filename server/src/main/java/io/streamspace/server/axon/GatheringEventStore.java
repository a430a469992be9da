package io.streamspace.server.axon;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * The embedded event store, whose reader of new events is woken by local commits at most once per
 * interval, as the read models' processors are ({@code PromptEventSource}).
 *
 * <p>Axon's store wakes its reader after every commit, and the reader then reads twice in a
 * transaction of its own (the new events, then nothing): under load that was about two transactions
 * and three statements per command, for events the processors take in per interval anyway. A commit
 * after a quiet interval still wakes it at once.
 */
final class GatheringEventStore extends EmbeddedEventStore {

  private static final ScheduledExecutorService WAKES =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "event-store-reader-wakes");
            thread.setDaemon(true);
            return thread;
          });

  private final long intervalNanos;
  private final Object lock = new Object();

  // guarded by lock
  private long lastWake;
  private boolean wakeScheduled;

  GatheringEventStore(Builder builder, Duration interval) {
    super(builder);
    this.intervalNanos = interval.toNanos();
    this.lastWake = System.nanoTime() - intervalNanos;
  }

  @Override
  protected void afterCommit(List<? extends EventMessage<?>> events) {
    long remaining;
    synchronized (lock) {
      if (wakeScheduled) {
        return;
      }
      long now = System.nanoTime();
      remaining = lastWake + intervalNanos - now;
      if (remaining > 0) {
        wakeScheduled = true;
      } else {
        lastWake = now;
      }
    }
    if (remaining > 0) {
      WAKES.schedule(this::scheduledWake, remaining, TimeUnit.NANOSECONDS);
    } else {
      super.afterCommit(events);
    }
  }

  private void scheduledWake() {
    synchronized (lock) {
      wakeScheduled = false;
      lastWake = System.nanoTime();
    }
    super.afterCommit(List.of());
  }
}
