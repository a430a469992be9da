package io.streamspace.command.common;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.context.SmartLifecycle;

/**
 * The threads the API's commands run on: a bounded pool with a bounded queue, off the Netty event
 * loop, whose work nobody but shutdown ever interrupts.
 *
 * <p>A unit of work interrupted half-way can fail in the middle of applying its events; so a client
 * that hangs up must not reach the thread running its command. Shutdown stops taking commands after
 * the web server has drained its requests, lets the accepted ones finish within a bounded time, and
 * only then lets Axon stop (the phase sits between the web server's and Axon's).
 */
public class CommandExecutor implements SmartLifecycle, AutoCloseable {

  /** After the web server's graceful shutdown (stops first), before Axon's components. */
  static final int PHASE = Integer.MAX_VALUE - 4096;

  private final ThreadPoolExecutor pool;
  private final Duration drainTimeout;
  private volatile boolean running;

  public CommandExecutor(int threads, int queueCapacity, Duration drainTimeout) {
    // Every command passes through the queue, handed in by an HTTP event loop and taken by a
    // command thread. A linked queue locks the two ends apart: with one lock for both, an event
    // loop waited behind a command thread descheduled while holding it, 10-25 ms at a time.
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(queueCapacity),
            namedThreads(),
            new ThreadPoolExecutor.AbortPolicy());
    this.pool.allowCoreThreadTimeOut(true);
    this.drainTimeout = drainTimeout;
  }

  /** An executor sized by {@code properties}. */
  public static CommandExecutor of(CommandSideProperties properties) {
    return new CommandExecutor(
        properties.dispatchThreads(),
        properties.dispatchQueueCapacity(),
        properties.dispatchDrainTimeout());
  }

  /**
   * Runs {@code work} on a command thread.
   *
   * @throws RejectedExecutionException when every thread is busy and the queue is full, or after
   *     shutdown began
   */
  public <R> CompletableFuture<R> submit(Supplier<R> work) {
    return CompletableFuture.supplyAsync(work, pool);
  }

  /** Commands running or waiting for a thread. */
  public int inFlight() {
    return pool.getActiveCount() + pool.getQueue().size();
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    pool.shutdown();
    try {
      if (!pool.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        // Still bounded: whatever is left fails and its unit of work rolls back entirely.
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  @Override
  public void close() {
    stop();
  }

  private static ThreadFactory namedThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "command-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
