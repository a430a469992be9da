package io.streamspace.command.agent;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.streamspace.command.common.CommandSender;
import io.streamspace.events.agent.AgentDisconnected;
import io.streamspace.events.session.SessionFailed;
import io.streamspace.events.session.SessionStopped;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/**
 * When the dispatcher reads the waiting sessions again: only when an agent's room or the agents
 * themselves changed, once per batch of events; and how a batch's ended sessions are forgotten:
 * together, before anything else of the batch touches the dispatcher's tables.
 */
class SessionDispatcherTest {

  private final DispatchStore store = mock(DispatchStore.class);
  private final SessionDispatcher dispatcher =
      new SessionDispatcher(
          store,
          mock(CommandSender.class),
          mock(OrderSender.class),
          mock(PlacementAtCreation.class));
  private final Instant now = Instant.parse("2026-11-27T08:00:00Z");

  @Test
  void sessionsThatEndWhileStillWaitingFreeNoRoomSoTheWaitingListIsNotRead() {
    when(store.ended(List.of("waited-1", "waited-2"))).thenReturn(false);

    inOneBatch(
        () -> {
          dispatcher.on(new SessionStopped("waited-1", "org-1", "requested"), now);
          dispatcher.on(new SessionFailed("waited-2", "org-1", "pending too long"), now);
        });

    verify(store).ended(List.of("waited-1", "waited-2"));
    verify(store, never()).waiting(anyInt());
  }

  @Test
  void theSessionsThatEndInABatchAreForgottenTogetherAsItCommits() {
    inOneBatch(
        () -> {
          dispatcher.on(new SessionStopped("ended-1", "org-1", "requested"), now);
          dispatcher.on(new SessionStopped("ended-2", "org-1", "requested"), now);
          dispatcher.on(new SessionFailed("ended-3", "org-1", "the agent lost it"), now);
          verify(store, never()).ended(anyList());
        });

    verify(store, times(1)).ended(anyList());
    verify(store).ended(List.of("ended-1", "ended-2", "ended-3"));
  }

  @Test
  void whatComesAfterAnEndFindsTheSessionForgotten() {
    when(store.ended(anyList())).thenReturn(false);
    when(store.connectedAgents()).thenReturn(List.of());

    inOneBatch(
        () -> {
          dispatcher.on(new SessionStopped("ended-1", "org-1", "requested"), now);
          dispatcher.on(new AgentDisconnected("agent-1", "connection-1", "gone"), now);
          dispatcher.on(new SessionStopped("ended-2", "org-1", "requested"), now);
        });

    InOrder order = inOrder(store);
    order.verify(store).ended(List.of("ended-1"));
    order.verify(store).agentDisconnected(eq("agent-1"), eq("connection-1"), any());
    order.verify(store).ended(List.of("ended-2"));
  }

  @Test
  void outsideABatchAnEndIsWrittenAtOnce() {
    dispatcher.on(new SessionStopped("ended-1", "org-1", "requested"), now);

    verify(store).ended(List.of("ended-1"));
  }

  @Test
  void sessionsThatEndOnAgentsMakeRoomAndTheWaitingListIsReadOnceAsTheBatchEnds() {
    when(store.ended(List.of("placed-1", "placed-2"))).thenReturn(true);
    when(store.connectedAgents()).thenReturn(List.of());
    when(store.waiting(anyInt())).thenReturn(List.of());

    inOneBatch(
        () -> {
          dispatcher.on(new SessionStopped("placed-1", "org-1", "requested"), now);
          dispatcher.on(new SessionStopped("placed-2", "org-1", "requested"), now);
          verify(store, never()).waiting(anyInt());
        });

    verify(store, times(1)).waiting(anyInt());
  }

  @Test
  void anAgentLeavingMakesTheWaitingSessionsLookAgainAtWhyTheyWait() {
    when(store.connectedAgents()).thenReturn(List.of());
    when(store.waiting(anyInt())).thenReturn(List.of());

    inOneBatch(() -> dispatcher.on(new AgentDisconnected("agent-1", "connection-1", "gone"), now));

    verify(store, times(1)).waiting(anyInt());
  }

  /** Handles events as a processor's batch does: one unit of work, committed at its end. */
  private static void inOneBatch(Runnable handlers) {
    UnitOfWork<?> batch =
        DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
    handlers.run();
    batch.commit();
  }
}
