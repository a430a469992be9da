package io.streamspace.agent.orders;

import io.streamspace.events.agent.SessionReport;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Session reports the server has not acknowledged yet, oldest first. A report leaves only when a
 * receipt for it arrives (recorded or refused: both are final); until then it is re-sent, in order,
 * on every new connection. Kept in memory: an agent that restarts reports its sessions afresh
 * through its inventory.
 */
public final class ReportOutbox {

  private final Deque<SessionReport> pending = new ArrayDeque<>();

  /** Queues a report behind every earlier one. */
  public synchronized void add(SessionReport report) {
    pending.addLast(report);
    notifyAll();
  }

  /** The oldest report, waiting up to {@code timeout} for one; null if none came. */
  public synchronized SessionReport awaitHead(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return pending.peekFirst();
  }

  /** The server answered {@code report}: it is not sent again. */
  public synchronized void acknowledged(SessionReport report) {
    if (pending.peekFirst() == report) {
      pending.removeFirst();
    }
  }

  /** What is still unacknowledged, oldest first. */
  public synchronized List<SessionReport> pending() {
    return List.copyOf(pending);
  }
}
