package io.streamspace.server.query;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ThrowingRunnable;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the read side's integration tests: stores events in the real event store as the command
 * side's aggregates would (one unit of work, the caller's audit metadata on every event) and waits
 * for the projections to show them.
 */
abstract class ReadSideTest extends IntegrationTest {

  @Autowired protected EventStore eventStore;

  /** Appends {@code payloads} to aggregate {@code aggregateId}'s stream in one transaction. */
  protected void store(String aggregateType, String aggregateId, Requester by, Object... payloads) {
    // The platform's dispatcher appends to sessions it sees created (why they wait): when it wins
    // the race for a sequence number, append after its event.
    for (int attempt = 1; ; attempt++) {
      long next = eventStore.lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
      List<DomainEventMessage<?>> events = new ArrayList<>();
      for (Object payload : payloads) {
        events.add(
            new GenericDomainEventMessage<>(
                aggregateType, aggregateId, next++, payload, auditMetadata(by)));
      }
      try {
        DefaultUnitOfWork.startAndGet(null).execute(() -> eventStore.publish(events));
        return;
      } catch (ConcurrencyException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  /** A client that calls the API as {@code requester}, with a platform token. */
  protected WebTestClient as(Requester requester) {
    String token = tokenFor(requester);
    return client.mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
  }

  protected static Caller caller(String userId, String organizationId, Role role) {
    return new Caller(new Requester(userId, organizationId, role), "it", "127.0.0.1", "it");
  }

  protected static Requester requester(String userId, String organizationId, Role role) {
    return new Requester(userId, organizationId, role);
  }

  /** Waits (bounded) until {@code assertion} holds: projections are eventually consistent. */
  protected static void eventually(ThrowingRunnable assertion) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .untilAsserted(assertion);
  }

  protected static <T> T eventuallyGet(Callable<T> supplier) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(supplier, value -> value != null);
  }
}
