package io.streamspace.command.agent;

import io.streamspace.command.agent.DispatchStore.AgentSlot;
import io.streamspace.command.agent.DispatchStore.PlacedSession;
import io.streamspace.command.common.CommandSender;
import io.streamspace.command.session.Session;
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
import io.streamspace.events.session.SessionStopped;
import io.streamspace.events.session.ViewerConnected;
import io.streamspace.events.session.ViewerDisconnected;
import io.streamspace.events.template.TemplateDefinition;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
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
 */
@Component
@ProcessingGroup(SessionDispatcher.GROUP)
class SessionDispatcher {

  static final String GROUP = "agent-dispatch";
  private static final int PLACEMENTS_PER_EVENT = 100;
  private static final Logger log = LoggerFactory.getLogger(SessionDispatcher.class);

  private final DispatchStore store;
  private final CommandSender commands;
  private final OrderSender orders;

  SessionDispatcher(DispatchStore store, CommandSender commands, OrderSender orders) {
    this.store = store;
    this.commands = commands;
    this.orders = orders;
  }

  @EventHandler
  void on(
      SessionCreated event,
      @Timestamp Instant at,
      @MetaDataValue(Session.WAITING_AT_CREATION) String waitingAtCreation) {
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
    store.sessionCreated(
        event.sessionId(),
        event.organizationId(),
        event.userId(),
        !template.command().isEmpty(),
        template.image() != null && !template.image().isBlank(),
        event.resources() == null ? 0 : event.resources().cpuMillis(),
        event.resources() == null ? 0 : event.resources().memoryMb(),
        AgentWire.MAPPER.writeValueAsString(spec),
        template.idle().hibernateAfterSeconds(),
        template.idle().stopAfterSeconds(),
        waitingAtCreation,
        at);
    // With the creation's reason in the row, a placement that comes to the same one sends nothing.
    store.session(event.sessionId()).ifPresent(this::place);
  }

  @EventHandler
  void on(SessionAssigned event) {
    store.assigned(event.sessionId(), event.agentId(), event.commandId());
    store
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
    store.orderCompleted(event.commandId());
  }

  @EventHandler
  void on(SessionStarting event, @Timestamp Instant at) {
    transition(event, at);
  }

  @EventHandler
  void on(SessionRunning event, @Timestamp Instant at) {
    transition(event, at);
    store.ordersOfKindCompleted(event.sessionId(), AgentOrderKind.START);
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
    store.viewerConnected(event.sessionId(), event.viewerId(), at);
  }

  @EventHandler
  void on(ViewerDisconnected event, @Timestamp Instant at) {
    store.viewerDisconnected(event.sessionId(), event.viewerId(), at);
  }

  @EventHandler
  void on(AgentConnected event, @Timestamp Instant at) {
    store.agentConnected(
        event.agentId(), event.connectionId(), event.backend(), event.capacity(), at);
    placeWaiting();
  }

  @EventHandler
  void on(AgentDisconnected event, @Timestamp Instant at) {
    store.agentDisconnected(event.agentId(), event.connectionId(), at);
  }

  private void transition(SessionEvent event, Instant at) {
    store.status(event.sessionId(), event.status(), at);
  }

  private void ended(SessionEvent event, Instant at) {
    store.status(event.sessionId(), event.status(), at);
    store.ordersObsoleteAfterEnd(event.sessionId());
    placeWaiting(); // its room may fit a waiting session
  }

  private void placeWaiting() {
    List<PlacedSession> waiting = store.waiting(PLACEMENTS_PER_EVENT);
    if (waiting.isEmpty()) {
      return;
    }
    // The agents' load changes only when a session is placed: read it again only then, not once
    // per waiting session (with no agent connected, every stop read it for each waiting session).
    List<AgentSlot> agents = store.connectedAgents();
    for (PlacedSession session : waiting) {
      if (place(session, agents)) {
        agents = store.connectedAgents();
      }
    }
  }

  private void place(PlacedSession session) {
    if (session.agentId() == null) {
      place(session, store.connectedAgents());
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
      String commandId = UUID.randomUUID().toString();
      store.choose(session.sessionId(), agentId, commandId, Instant.now());
      afterCommit(() -> send(new AssignSession(session.sessionId(), agentId, commandId)));
      return true;
    }
    if (!decision.reason().equals(session.waitingReason())) {
      store.waitingFor(session.sessionId(), decision.reason());
      afterCommit(() -> send(new RecordSessionWaiting(session.sessionId(), decision.reason())));
    }
    return false;
  }

  private void issue(
      String commandId, String sessionId, String agentId, AgentOrderKind kind, Object order) {
    store.order(
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
