package io.streamspace.agent.orders;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the work of orders on a bounded pool: one session's tasks one after another in the order
 * they came (a stop never overtakes the start before it), different sessions in parallel.
 */
final class SessionWork implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SessionWork.class);

  private final ExecutorService pool;
  private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();

  SessionWork(int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, "agent-order-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.pool = Executors.newFixedThreadPool(threads, factory);
  }

  /** Runs {@code task} after every task submitted earlier for the same session. */
  synchronized void submit(String sessionId, Runnable task) {
    CompletableFuture<Void> previous =
        tails.getOrDefault(sessionId, CompletableFuture.completedFuture(null));
    CompletableFuture<Void> next;
    try {
      next = previous.handleAsync((ignored, failure) -> run(sessionId, task), pool);
    } catch (RejectedExecutionException e) {
      log.warn("session {}: the agent is shutting down; an order was not carried out", sessionId);
      return;
    }
    tails.put(sessionId, next);
    next.whenComplete((ignored, failure) -> forget(sessionId, next));
  }

  private Void run(String sessionId, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.error("session {}: an order's work failed unexpectedly", sessionId, e);
    }
    return null;
  }

  private synchronized void forget(String sessionId, CompletableFuture<Void> done) {
    tails.remove(sessionId, done);
  }

  @Override
  public void close() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
