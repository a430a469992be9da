package io.streamspace.query.projection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The event store as the read models' source, waking their processors as soon as a local commit
 * appends events.
 *
 * <p>Axon's pooled processor polls a caught-up stream every 500 ms unless the stream can call it
 * back, and the JDBC-backed store's streams cannot: every read model would lag a commit by up to
 * half a second. These streams can. Events appended by another replica are still found by the
 * processor's regular check ({@code tokenClaimInterval}).
 *
 * <p>A stream is woken at most once per wake interval. A commit after a quiet interval wakes it at
 * once; commits within the interval after a wake are gathered into one wake at its end, and until
 * then a stream that has caught up stays caught up. Under load every work package then handles the
 * events of an interval in one transaction, with one token update, instead of a transaction per
 * commit or two: the read side's cost per command falls as the load rises, and a quiet system is
 * not slowed down.
 */
public final class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

  /**
   * How long a woken stream waits for the store's producer to fetch the events just committed. It
   * is only ever waited for right after a commit signal, on the processor's coordinator thread.
   */
  private static final int FETCH_WAIT_MILLIS = 200;

  private static final ScheduledExecutorService WAKES =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "prompt-event-source-wakes");
            thread.setDaemon(true);
            return thread;
          });

  private final EventStore eventStore;
  private final long wakeIntervalNanos;
  private final Set<PromptStream> openStreams = ConcurrentHashMap.newKeySet();

  /** Wakes a stream at once on every commit: no events are gathered. */
  public PromptEventSource(EventStore eventStore) {
    this(eventStore, Duration.ZERO);
  }

  /** Wakes a stream at most once per {@code wakeInterval}, gathering the commits in between. */
  public PromptEventSource(EventStore eventStore, Duration wakeInterval) {
    this.eventStore = eventStore;
    this.wakeIntervalNanos = wakeInterval.toNanos();
    eventStore.registerDispatchInterceptor(new SignalAfterCommit());
  }

  @Override
  public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
    PromptStream stream = new PromptStream(eventStore.openStream(trackingToken));
    openStreams.add(stream);
    return stream;
  }

  @Override
  public TrackingToken createTailToken() {
    return eventStore.createTailToken();
  }

  @Override
  public TrackingToken createHeadToken() {
    return eventStore.createHeadToken();
  }

  @Override
  public TrackingToken createTokenAt(java.time.Instant dateTime) {
    return eventStore.createTokenAt(dateTime);
  }

  @Override
  public TrackingToken createTokenSince(java.time.Duration duration) {
    return eventStore.createTokenSince(duration);
  }

  /** Tells every open stream that events were committed. */
  void signalCommitted() {
    openStreams.forEach(PromptStream::signal);
  }

  int openStreamCount() {
    return openStreams.size();
  }

  /** Signals the open streams once the unit of work that published events has committed. */
  private final class SignalAfterCommit implements MessageDispatchInterceptor<EventMessage<?>> {
    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
        List<? extends EventMessage<?>> messages) {
      if (CurrentUnitOfWork.isStarted()) {
        CurrentUnitOfWork.get().afterCommit(unitOfWork -> signalCommitted());
      } else {
        signalCommitted();
      }
      return (index, message) -> message;
    }
  }

  /**
   * A store stream that accepts an availability callback and honours it after commits, at most once
   * per wake interval.
   */
  private final class PromptStream implements BlockingStream<TrackedEventMessage<?>> {
    private final BlockingStream<TrackedEventMessage<?>> delegate;
    private volatile Runnable onAvailable = () -> {};

    // guarded by this
    private boolean committedSinceLastLook;
    private boolean caughtUp;
    private long caughtUpAt;
    private boolean wakeScheduled;

    PromptStream(BlockingStream<TrackedEventMessage<?>> delegate) {
      this.delegate = delegate;
    }

    void signal() {
      synchronized (this) {
        committedSinceLastLook = true;
        if (wakeScheduled || scheduleWakeIfGathering()) {
          return;
        }
      }
      onAvailable.run();
    }

    /** While a caught-up stream gathers commits, its next wake is due at the interval's end. */
    private boolean scheduleWakeIfGathering() {
      long remaining = caughtUp ? caughtUpAt + wakeIntervalNanos - System.nanoTime() : 0;
      if (remaining <= 0) {
        return false;
      }
      if (!wakeScheduled) {
        wakeScheduled = true;
        WAKES.schedule(this::scheduledWake, remaining, TimeUnit.NANOSECONDS);
      }
      return true;
    }

    private void scheduledWake() {
      synchronized (this) {
        wakeScheduled = false;
        caughtUp = false;
      }
      onAvailable.run();
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
      onAvailable = callback;
      return true;
    }

    @Override
    public boolean hasNextAvailable() {
      boolean waitForFetch;
      synchronized (this) {
        // the events committed since the stream caught up wait for the interval's end; without a
        // commit it ends all the same, for events another replica appended
        if (committedSinceLastLook ? scheduleWakeIfGathering() : gathering()) {
          return false;
        }
        caughtUp = false;
        waitForFetch = committedSinceLastLook;
        committedSinceLastLook = false;
      }
      boolean available = delegate.hasNextAvailable();
      // Right after a commit the store's producer may not have fetched the new events yet: wait for
      // them briefly rather than report "caught up" and sleep until the next check.
      if (!available && waitForFetch) {
        try {
          available = delegate.hasNextAvailable(FETCH_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      if (!available) {
        synchronized (this) {
          caughtUp = true;
          caughtUpAt = System.nanoTime();
        }
      }
      return available;
    }

    private boolean gathering() {
      return caughtUp && System.nanoTime() - caughtUpAt < wakeIntervalNanos;
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
      synchronized (this) {
        committedSinceLastLook = false;
      }
      return delegate.hasNextAvailable(timeout, unit);
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
      return delegate.peek();
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
      return delegate.nextAvailable();
    }

    @Override
    public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
      delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
    }

    @Override
    public void close() {
      openStreams.remove(this);
      delegate.close();
    }
  }
}
