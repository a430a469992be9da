package io.streamspace.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/**
 * A processor's stream is woken by local commits at most once per wake interval: at once after a
 * quiet interval, and once at the interval's end for the commits that came within it.
 */
class PromptEventSourceTest {

  private static final Duration INTERVAL = Duration.ofMillis(400);

  private final StoreStream store = new StoreStream();
  private final PromptEventSource source = sourceOver(store, INTERVAL);

  @Test
  void aCommitAfterAQuietIntervalWakesTheStreamAtOnce() throws Exception {
    BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
    AtomicInteger wakes = new AtomicInteger();
    stream.setOnAvailableCallback(wakes::incrementAndGet);
    assertThat(stream.hasNextAvailable()).isFalse();
    Thread.sleep(INTERVAL.toMillis() + 100);

    store.append(1);
    source.signalCommitted();

    assertThat(wakes).as("woken in the committing thread").hasValue(1);
    assertThat(stream.hasNextAvailable()).isTrue();
  }

  @Test
  void commitsSoonAfterTheStreamCaughtUpWakeItOnceAtTheIntervalsEnd() throws Exception {
    BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
    CountDownLatch woken = new CountDownLatch(1);
    AtomicInteger wakes = new AtomicInteger();
    stream.setOnAvailableCallback(
        () -> {
          wakes.incrementAndGet();
          woken.countDown();
        });
    assertThat(stream.hasNextAvailable()).isFalse();
    long caughtUp = System.nanoTime();

    for (int i = 1; i <= 3; i++) {
      store.append(i);
      source.signalCommitted();
    }

    assertThat(wakes).as("not woken by the commits themselves").hasValue(0);
    assertThat(stream.hasNextAvailable()).as("the commits wait for the interval's end").isFalse();
    assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - caughtUp)).isGreaterThanOrEqualTo(INTERVAL);
    assertThat(wakes).as("one wake for the three commits").hasValue(1);
    for (int i = 1; i <= 3; i++) {
      assertThat(stream.hasNextAvailable()).isTrue();
      assertThat(stream.nextAvailable().getPayload()).isEqualTo("event " + i);
    }
  }

  @Test
  void withoutACommitTheIntervalStillEndsForEventsAnotherReplicaAppended() throws Exception {
    BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
    assertThat(stream.hasNextAvailable()).isFalse();

    store.append(1); // appended elsewhere: no local commit signals it

    assertThat(stream.hasNextAvailable()).isFalse();
    Thread.sleep(INTERVAL.toMillis() + 100);
    assertThat(stream.hasNextAvailable()).as("found by the processor's next look").isTrue();
  }

  @Test
  void withoutAnIntervalEveryCommitWakesTheStream() {
    PromptEventSource everyCommit = sourceOver(store, Duration.ZERO);
    BlockingStream<TrackedEventMessage<?>> stream = everyCommit.openStream(null);
    AtomicInteger wakes = new AtomicInteger();
    stream.setOnAvailableCallback(wakes::incrementAndGet);
    assertThat(stream.hasNextAvailable()).isFalse();

    store.append(1);
    everyCommit.signalCommitted();
    store.append(2);
    everyCommit.signalCommitted();

    assertThat(wakes).hasValue(2);
  }

  private static PromptEventSource sourceOver(StoreStream stream, Duration interval) {
    EventStore eventStore = mock(EventStore.class);
    when(eventStore.openStream(any())).thenReturn(stream);
    return new PromptEventSource(eventStore, interval);
  }

  /** The event store's stream: events appended are available at once. */
  private static final class StoreStream implements BlockingStream<TrackedEventMessage<?>> {
    private final ConcurrentLinkedDeque<TrackedEventMessage<?>> events =
        new ConcurrentLinkedDeque<>();

    void append(long index) {
      events.add(
          new GenericTrackedEventMessage<>(
              new GlobalSequenceTrackingToken(index),
              GenericEventMessage.asEventMessage("event " + index)));
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
      return Optional.ofNullable(events.peek());
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) {
      return !events.isEmpty();
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() {
      return events.poll();
    }

    @Override
    public void close() {}
  }
}
