package io.streamspace.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures projection lag on a sample of commands: from the moment the command was acknowledged
 * until the read API shows its effect, polling every few milliseconds. Every {@code sampleEvery}th
 * acknowledged command of each kind, across all workers, is sampled. At most {@code concurrency}
 * probes run at once, so the polling stays a small share of the load; a command sampled while all
 * probes are busy is skipped (and counted).
 */
public final class LagProbe {

  /** Whether the read model already shows a command's effect. */
  @FunctionalInterface
  public interface Check {
    boolean visible(ApiClient api);
  }

  private final int sampleEvery;
  private final long pollNanos;
  private final long timeoutNanos;
  private final Semaphore slots;
  private final ExecutorService pool;
  private final Map<LoadPhase.Kind, Samples> lags = new EnumMap<>(LoadPhase.Kind.class);
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();
  private final AtomicLong polls = new AtomicLong();
  private final Map<LoadPhase.Kind, AtomicLong> acknowledged = new EnumMap<>(LoadPhase.Kind.class);

  public LagProbe(int sampleEvery, int concurrency, long pollMillis, long timeoutMillis) {
    this.sampleEvery = sampleEvery;
    this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis);
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    this.slots = new Semaphore(concurrency);
    this.pool =
        Executors.newFixedThreadPool(
            concurrency,
            runnable -> {
              Thread thread = new Thread(runnable, "lag-probe");
              thread.setDaemon(true);
              return thread;
            });
    for (LoadPhase.Kind kind : LoadPhase.Kind.values()) {
      lags.put(kind, new Samples());
      acknowledged.put(kind, new AtomicLong());
    }
  }

  public int sampleEvery() {
    return sampleEvery;
  }

  /**
   * Starts probing a command acknowledged just now, if it is due for a sample and a probe is free.
   */
  public void offer(LoadPhase.Kind kind, ApiClient api, Check check) {
    long acknowledged = System.nanoTime();
    if (this.acknowledged.get(kind).incrementAndGet() % sampleEvery != 0) {
      return;
    }
    if (!slots.tryAcquire()) {
      skipped.incrementAndGet();
      return;
    }
    pool.execute(
        () -> {
          try {
            probe(kind, api, check, acknowledged);
          } finally {
            slots.release();
          }
        });
  }

  private void probe(LoadPhase.Kind kind, ApiClient api, Check check, long acknowledged) {
    while (true) {
      boolean visible;
      try {
        polls.incrementAndGet();
        visible = check.visible(api);
      } catch (ApiClient.ApiException e) {
        visible = false;
      }
      long now = System.nanoTime();
      // The lag ends when the answer that shows the effect arrives: an upper bound, by at most
      // one GET's round trip.
      if (visible) {
        synchronized (lags) {
          lags.get(kind).add(now - acknowledged);
        }
        return;
      }
      if (now - acknowledged > timeoutNanos) {
        timedOut.incrementAndGet();
        return;
      }
      LockSupport.parkNanos(pollNanos);
    }
  }

  /** Waits for the probes in flight and returns what they measured. */
  public Result finish() throws InterruptedException {
    pool.shutdown();
    pool.awaitTermination(timeoutNanos + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS);
    synchronized (lags) {
      Map<LoadPhase.Kind, Samples.Distribution> byKind = new EnumMap<>(LoadPhase.Kind.class);
      List<Samples> all = new ArrayList<>();
      lags.forEach(
          (kind, samples) -> {
            byKind.put(kind, Samples.merge(List.of(samples)));
            all.add(samples);
          });
      return new Result(Samples.merge(all), byKind, skipped.get(), timedOut.get(), polls.get());
    }
  }

  /** Projection lag of the sampled commands. */
  public record Result(
      Samples.Distribution all,
      Map<LoadPhase.Kind, Samples.Distribution> byKind,
      long skipped,
      long timedOut,
      long polls) {}
}
