package io.streamspace.command.agent;

import io.streamspace.command.agent.DispatchStore.AgentSlot;
import io.streamspace.command.agent.DispatchStore.PlacedSession;
import io.streamspace.command.common.CommandSender;
import io.streamspace.command.common.ResourceIds;
import io.streamspace.events.agent.AgentConnected;
import io.streamspace.events.agent.AgentDisconnected;
import io.streamspace.events.agent.HibernateSessionOrder;
import io.streamspace.events.agent.ResumeSessionOrder;
import io.streamspace.events.agent.StartSessionOrder;
import io.streamspace.events.agent.StopSessionOrder;
import io.streamspace.events.session.AgentOrderCompleted;
import io.streamspace.events.session.AgentOrderIssued;
import io.streamspace.events.session.AgentOrderKind;
import io.streamspace.events.session.AssignSession;
import io.streamspace.events.session.RecordSessionWaiting;
import io.streamspace.events.session.SessionAssigned;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionEvent;
import io.streamspace.events.session.SessionFailed;
import io.streamspace.events.session.SessionHibernated;
import io.streamspace.events.session.SessionResumed;
import io.streamspace.events.session.SessionRunning;
import io.streamspace.events.session.SessionStarting;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.events.session.ViewerConnected;
import io.streamspace.events.session.ViewerDisconnected;
import io.streamspace.events.template.TemplateDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The process manager between sessions and agents. It places pending sessions on agents, turns the
 * orders stored in sessions' events into rows of the outbox that {@link OrderSender} delivers, and
 * drops orders once the agent's report completes them.
 *
 * <p>It runs as a single-segment streaming processor: one placement decision at a time across all
 * replicas, so two sessions never take an agent's last slot together. Its tables change in the
 * token's transaction; the commands it decides on (assign, waiting) are sent after that commits,
 * and {@link DispatchSweeper} sends again any that got lost. A session that no agent could take
 * when it was created says so in its own creation ({@code AgentAvailability}), and its {@link
 * SessionCreated} carries the reason, which the dispatcher stores instead of sending a command to
 * say it again; it places the session once an agent can.
 *
 * <p>Within one batch of events the connected agents are read once, and again only after a
 * placement or an agent's change; the waiting sessions are looked at once, as the batch ends,
 * however many sessions left an agent or agents came or went in it, and not at all when none did.
 */
@Component
@ProcessingGroup(SessionDispatcher.GROUP)
class SessionDispatcher {

  static final String GROUP = "agent-dispatch";
  private static final int PLACEMENTS_PER_BATCH = 100;
  private static final String AGENTS_OF_BATCH = SessionDispatcher.class.getName() + ".agents";
  private static final String WAITING_PLACED_AT_END =
      SessionDispatcher.class.getName() + ".waiting";
  private static final String ENDED_IN_BATCH = SessionDispatcher.class.getName() + ".ended";
  private static final Logger log = LoggerFactory.getLogger(SessionDispatcher.class);

  private final DispatchStore store;
  private final CommandSender commands;
  private final OrderSender orders;
  private final PlacementAtCreation placementAtCreation;

  SessionDispatcher(
      DispatchStore store,
      CommandSender commands,
      OrderSender orders,
      PlacementAtCreation placementAtCreation) {
    this.store = store;
    this.commands = commands;
    this.orders = orders;
    this.placementAtCreation = placementAtCreation;
  }

  @EventHandler
  void on(SessionCreated event, @Timestamp Instant at) {
    String waitingAtCreation = event.waitingReason();
    TemplateDefinition template = event.template();
    StartSessionOrder spec =
        new StartSessionOrder(
            null,
            event.sessionId(),
            event.organizationId(),
            event.userId(),
            event.templateId(),
            template,
            event.resources());
    PlacedSession created =
        new PlacedSession(
            event.sessionId(),
            event.organizationId(),
            SessionStatus.PENDING,
            null,
            null,
            false,
            waitingAtCreation,
            !template.command().isEmpty(),
            template.image() != null && !template.image().isBlank(),
            event.resources() == null ? 0 : event.resources().cpuMillis(),
            event.resources() == null ? 0 : event.resources().memoryMb(),
            AgentWire.MAPPER.writeValueAsString(spec),
            template.idle().hibernateAfterSeconds(),
            template.idle().stopAfterSeconds(),
            at,
            at);
    boolean stored =
        store()
            .sessionCreated(
                created.sessionId(),
                created.organizationId(),
                event.userId(),
                created.runsLocal(),
                created.runsContainer(),
                created.cpuMillis(),
                created.memoryMb(),
                created.startOrder(),
                created.idleHibernateAfterSeconds(),
                created.idleStopAfterSeconds(),
                waitingAtCreation,
                at);
    // With the creation's reason in the row, a placement that comes to the same one sends nothing.
    // An event handled again finds the row as it is now, perhaps placed already.
    (stored ? java.util.Optional.of(created) : store().session(event.sessionId()))
        .ifPresent(session -> place(session, agentsOfBatch()));
  }

  @EventHandler
  void on(SessionAssigned event) {
    store().assigned(event.sessionId(), event.agentId(), event.commandId());
    store()
        .session(event.sessionId())
        .ifPresent(
            session -> {
              StartSessionOrder spec =
                  AgentWire.MAPPER.readValue(session.startOrder(), StartSessionOrder.class);
              StartSessionOrder order =
                  new StartSessionOrder(
                      event.commandId(),
                      spec.sessionId(),
                      spec.organizationId(),
                      spec.userId(),
                      spec.templateId(),
                      spec.template(),
                      spec.resources());
              issue(
                  event.commandId(),
                  event.sessionId(),
                  event.agentId(),
                  AgentOrderKind.START,
                  order);
            });
  }

  @EventHandler
  void on(AgentOrderIssued event) {
    Object order =
        switch (event.kind()) {
          case STOP -> new StopSessionOrder(event.commandId(), event.sessionId(), "stop");
          case HIBERNATE ->
              new HibernateSessionOrder(event.commandId(), event.sessionId(), "hibernate");
          case RESUME -> new ResumeSessionOrder(event.commandId(), event.sessionId(), "resume");
          case START -> throw new IllegalStateException("start orders come with SessionAssigned");
        };
    issue(event.commandId(), event.sessionId(), event.agentId(), event.kind(), order);
  }

  @EventHandler
  void on(AgentOrderCompleted event) {
    store().orderCompleted(event.commandId());
  }

  @EventHandler
  void on(SessionStarting event, @Timestamp Instant at) {
    transition(event, at);
  }

  @EventHandler
  void on(SessionRunning event, @Timestamp Instant at) {
    transition(event, at);
    store().ordersOfKindCompleted(event.sessionId(), AgentOrderKind.START);
  }

  @EventHandler
  void on(SessionHibernated event, @Timestamp Instant at) {
    transition(event, at);
  }

  @EventHandler
  void on(SessionResumed event, @Timestamp Instant at) {
    transition(event, at);
  }

  @EventHandler
  void on(SessionStopped event, @Timestamp Instant at) {
    ended(event, at);
  }

  @EventHandler
  void on(SessionFailed event, @Timestamp Instant at) {
    ended(event, at);
  }

  @EventHandler
  void on(ViewerConnected event, @Timestamp Instant at) {
    store().viewerConnected(event.sessionId(), event.viewerId(), at);
  }

  @EventHandler
  void on(ViewerDisconnected event, @Timestamp Instant at) {
    store().viewerDisconnected(event.sessionId(), event.viewerId(), at);
  }

  @EventHandler
  void on(AgentConnected event, @Timestamp Instant at) {
    store()
        .agentConnected(
            event.agentId(), event.connectionId(), event.backend(), event.capacity(), at);
    agentsChanged();
    placeWaitingAsBatchEnds();
  }

  @EventHandler
  void on(AgentDisconnected event, @Timestamp Instant at) {
    store().agentDisconnected(event.agentId(), event.connectionId(), at);
    agentsChanged();
    placeWaitingAsBatchEnds(); // why they wait may have changed: the agent they waited for left
  }

  private void transition(SessionEvent event, Instant at) {
    store().status(event.sessionId(), event.status(), at);
  }

  /**
   * A session that ended on an agent gives it room, which may fit a waiting session. One that was
   * still waiting for an agent frees no agent's room (its quota was its organization's, and waiting
   * sessions hold theirs already), so the waiting list is not read for it: on a platform whose
   * agents are full, every waiting session given up would otherwise read the list again.
   *
   * <p>A batch's ended sessions are forgotten together, in one statement, before anything else of
   * the batch touches the dispatcher's tables ({@link #store()}) and at the latest as it commits:
   * every session's end is its own round trip otherwise, and nothing in between needs them gone.
   */
  private void ended(SessionEvent event, Instant at) {
    if (!CurrentUnitOfWork.isStarted()) {
      forget(List.of(event.sessionId()));
      return;
    }
    UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
    batch
        .<List<String>>getOrComputeResource(
            ENDED_IN_BATCH,
            key -> {
              batch.onPrepareCommit(unitOfWork -> store());
              return new ArrayList<>();
            })
        .add(event.sessionId());
  }

  /**
   * The dispatcher's tables, with the sessions that ended so far in this batch forgotten first: a
   * read or write after an end then finds the tables as if each end had been written as it came.
   */
  private DispatchStore store() {
    if (CurrentUnitOfWork.isStarted()) {
      List<String> ended = CurrentUnitOfWork.get().root().getResource(ENDED_IN_BATCH);
      if (ended != null && !ended.isEmpty()) {
        List<String> sessionIds = List.copyOf(ended);
        ended.clear();
        forget(sessionIds);
      }
    }
    return store;
  }

  private void forget(List<String> sessionIds) {
    if (store.ended(sessionIds)) {
      roomChanged();
      placeWaitingAsBatchEnds();
    }
  }

  /** Looks at the waiting sessions once, as the current batch ends (at once outside a batch). */
  private void placeWaitingAsBatchEnds() {
    if (!CurrentUnitOfWork.isStarted()) {
      placeWaiting();
      return;
    }
    UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
    if (batch.resources().putIfAbsent(WAITING_PLACED_AT_END, Boolean.TRUE) == null) {
      batch.onPrepareCommit(unitOfWork -> placeWaiting());
    }
  }

  private void placeWaiting() {
    List<PlacedSession> waiting = store().waiting(PLACEMENTS_PER_BATCH);
    for (PlacedSession session : waiting) {
      place(session, agentsOfBatch());
    }
  }

  /**
   * The connected agents with their load, read once per batch: it changes only when a session is
   * placed or ends, or an agent comes or goes, and each of those reads it again.
   */
  private List<AgentSlot> agentsOfBatch() {
    if (!CurrentUnitOfWork.isStarted()) {
      return store().connectedAgents();
    }
    return CurrentUnitOfWork.get()
        .root()
        .getOrComputeResource(AGENTS_OF_BATCH, key -> store().connectedAgents());
  }

  private void agentsChanged() {
    afterCommit(placementAtCreation::agentsChanged);
    if (CurrentUnitOfWork.isStarted()) {
      CurrentUnitOfWork.get().root().resources().remove(AGENTS_OF_BATCH);
    }
  }

  /** A session left its agent: with no agent connected at all, that changes nothing to read. */
  private void roomChanged() {
    if (CurrentUnitOfWork.isStarted()) {
      Object agents = CurrentUnitOfWork.get().root().resources().get(AGENTS_OF_BATCH);
      if (agents instanceof List<?> known && !known.isEmpty()) {
        agentsChanged();
      }
    }
  }

  /**
   * Decides where a pending session goes among {@code agents}, and says so once the decision is
   * committed; true when it was placed.
   */
  private boolean place(PlacedSession session, List<AgentSlot> agents) {
    if (session.agentId() != null) {
      return false;
    }
    Placement.Decision decision = Placement.choose(session, agents);
    if (decision.agentId().isPresent()) {
      String agentId = decision.agentId().get();
      String commandId = ResourceIds.next();
      store().choose(session.sessionId(), agentId, commandId, Instant.now());
      agentsChanged();
      afterCommit(() -> send(new AssignSession(session.sessionId(), agentId, commandId)));
      return true;
    }
    if (!decision.reason().equals(session.waitingReason())) {
      store().waitingFor(session.sessionId(), decision.reason());
      afterCommit(() -> send(new RecordSessionWaiting(session.sessionId(), decision.reason())));
    }
    return false;
  }

  private void issue(
      String commandId, String sessionId, String agentId, AgentOrderKind kind, Object order) {
    store()
        .order(
            commandId,
            sessionId,
            agentId,
            kind,
            AgentWire.MAPPER.writeValueAsString(order),
            Instant.now());
    afterCommit(() -> orders.pump(agentId));
  }

  void send(Object command) {
    commands
        .send(command, PlatformCallers.dispatcher())
        .subscribe(
            result -> {}, error -> log.debug("{} not applied: {}", command, error.getMessage()));
  }

  private static void afterCommit(Runnable action) {
    if (CurrentUnitOfWork.isStarted()) {
      CurrentUnitOfWork.get().afterCommit(unitOfWork -> action.run());
    } else {
      action.run();
    }
  }
}
