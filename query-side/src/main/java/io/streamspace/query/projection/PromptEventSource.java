package io.streamspace.query.projection;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 */
public final class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

  /**
   * How long a woken stream waits for the store's producer to fetch the events just committed. It
   * is only ever waited for right after a commit signal, on the processor's coordinator thread.
   */
  private static final int FETCH_WAIT_MILLIS = 200;

  private final EventStore eventStore;
  private final Set<PromptStream> openStreams = ConcurrentHashMap.newKeySet();

  public PromptEventSource(EventStore eventStore) {
    this.eventStore = eventStore;
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

  /** A store stream that accepts an availability callback and honours it after commits. */
  private final class PromptStream implements BlockingStream<TrackedEventMessage<?>> {
    private final BlockingStream<TrackedEventMessage<?>> delegate;
    private final AtomicBoolean committedSinceLastLook = new AtomicBoolean();
    private volatile Runnable onAvailable = () -> {};

    PromptStream(BlockingStream<TrackedEventMessage<?>> delegate) {
      this.delegate = delegate;
    }

    void signal() {
      committedSinceLastLook.set(true);
      onAvailable.run();
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
      onAvailable = callback;
      return true;
    }

    @Override
    public boolean hasNextAvailable() {
      if (delegate.hasNextAvailable()) {
        return true;
      }
      // Right after a commit the store's producer may not have fetched the new events yet: wait for
      // them briefly rather than report "caught up" and sleep until the next check.
      if (committedSinceLastLook.getAndSet(false)) {
        try {
          return delegate.hasNextAvailable(FETCH_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return false;
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
      committedSinceLastLook.set(false);
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
