package io.streamspace.command.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.streamspace.command.common.AggregateCacheConfiguration;
import io.streamspace.command.common.CachedWhileInUse;
import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.command.common.ResourceIds;
import io.streamspace.events.agent.ReportedStatus;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.session.AgentOrderCompleted;
import io.streamspace.events.session.AgentOrderIssued;
import io.streamspace.events.session.AgentOrderKind;
import io.streamspace.events.session.AssignSession;
import io.streamspace.events.session.ConnectViewer;
import io.streamspace.events.session.DisconnectViewer;
import io.streamspace.events.session.FailSession;
import io.streamspace.events.session.HibernateSession;
import io.streamspace.events.session.MarkSessionRunning;
import io.streamspace.events.session.MarkSessionStarting;
import io.streamspace.events.session.RecordSessionWaiting;
import io.streamspace.events.session.ReportSessionStatus;
import io.streamspace.events.session.ResumeSession;
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
import io.streamspace.events.session.SessionWaiting;
import io.streamspace.events.session.StopSession;
import io.streamspace.events.session.ViewerConnected;
import io.streamspace.events.session.ViewerDisconnected;
import io.streamspace.events.template.TemplateDefinition;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One user's session of one template, through its lifecycle: pending → starting → running ⇄
 * hibernated → stopped, or failed. A command that does not fit the current status is refused with
 * {@link Conflict} and changes nothing.
 *
 * <p>Creating, stopping and failing also move quota, so {@link SessionCreationHandler} and {@link
 * SessionEndingHandler} drive them together with the organization's quota in one unit of work; the
 * steps that touch only this session are handled here.
 */
@Aggregate(
    commandTargetResolver = PublishedLanguageTargetResolver.BEAN_NAME,
    cache = AggregateCacheConfiguration.SESSION_CACHE)
public class Session implements CachedWhileInUse {

  private static final Set<SessionStatus> LIVE =
      EnumSet.of(
          SessionStatus.PENDING,
          SessionStatus.STARTING,
          SessionStatus.RUNNING,
          SessionStatus.HIBERNATED);

  @AggregateIdentifier private String sessionId;
  private String organizationId;
  private String userId;
  private SessionStatus status;
  private Instant createdAt;
  private String agentId;
  private String waitingReason;
  // the orders the agent has not yet completed, by command id: re-sent until it reports them
  private final Map<String, AgentOrderKind> openOrders = new LinkedHashMap<>();
  // who watches now, viewer id to user id
  private final Map<String, String> viewers = new HashMap<>();

  protected Session() {
    // for Axon
  }

  /** A new pending session holding a copy of its template's definition. */
  Session(
      String sessionId,
      Requester requester,
      String templateId,
      TemplateDefinition template,
      Resources resources) {
    this(sessionId, requester, templateId, template, resources, null);
  }

  /**
   * A new pending session that, when {@code waitingReason} is given, waits for an agent from its
   * creation on: its {@link SessionCreated} says why, for the history, the read models and the
   * dispatcher, which then has nothing to add.
   */
  Session(
      String sessionId,
      Requester requester,
      String templateId,
      TemplateDefinition template,
      Resources resources,
      String waitingReason) {
    SessionCreated created =
        new SessionCreated(
            sessionId,
            requester.organizationId(),
            requester.userId(),
            templateId,
            template,
            resources,
            waitingReason);
    apply(created);
  }

  @CommandHandler
  void handle(MarkSessionStarting command) {
    requireAccess(command.requester());
    requireStatus("marked starting", "a pending", SessionStatus.PENDING);
    apply(new SessionStarting(sessionId, organizationId, command.agentId()));
  }

  @CommandHandler
  void handle(MarkSessionRunning command) {
    requireAccess(command.requester());
    requireStatus(
        "marked running", "a pending or starting", SessionStatus.PENDING, SessionStatus.STARTING);
    apply(new SessionRunning(sessionId, organizationId, command.vncEndpoint()));
  }

  @CommandHandler
  void handle(HibernateSession command) {
    requireAccess(command.requester());
    requireStatus("hibernated", "a running", SessionStatus.RUNNING);
    apply(new SessionHibernated(sessionId, organizationId, command.reason()));
    orderAgent(AgentOrderKind.HIBERNATE);
  }

  @CommandHandler
  void handle(ResumeSession command) {
    requireAccess(command.requester());
    requireStatus("resumed", "a hibernated", SessionStatus.HIBERNATED);
    apply(new SessionResumed(sessionId, organizationId, command.reason()));
    orderAgent(AgentOrderKind.RESUME);
  }

  /** Ends the session for good; the caller gives its quota back in the same unit of work. */
  void stop(StopSession command) {
    requireAccess(command.requester());
    if (status == SessionStatus.STOPPED) {
      throw new Conflict("session " + sessionId + " is already stopped");
    }
    requireStatus("stopped", "a live", LIVE);
    apply(new SessionStopped(sessionId, organizationId, command.reason()));
    orderAgent(AgentOrderKind.STOP);
  }

  /** Records that the session could not start or died; the caller gives its quota back. */
  void fail(FailSession command) {
    requireAccess(command.requester());
    requireStatus("failed", "a live", LIVE);
    apply(new SessionFailed(sessionId, organizationId, command.reason()));
    // whatever the agent may have started must go, unless the agent itself reported the failure
    orderAgent(AgentOrderKind.STOP);
  }

  @CommandHandler
  void handle(AssignSession command) {
    if (command.agentId().equals(agentId) && openOrders.containsKey(command.commandId())) {
      return; // the same placement sent again: already recorded
    }
    if (status != SessionStatus.PENDING || agentId != null) {
      throw new Conflict(
          "session is %s%s; only a pending session without an agent can be placed"
              .formatted(status.wireName(), agentId == null ? "" : " on agent " + agentId));
    }
    apply(new SessionAssigned(sessionId, organizationId, command.agentId(), command.commandId()));
  }

  @CommandHandler
  void handle(RecordSessionWaiting command) {
    if (status != SessionStatus.PENDING || agentId != null) {
      throw new Conflict("session is no longer waiting for an agent");
    }
    waitFor(command.reason());
  }

  private void waitFor(String reason) {
    if (reason.equals(waitingReason)) {
      return; // said already: the history records each reason once
    }
    apply(new SessionWaiting(sessionId, organizationId, reason));
  }

  /**
   * Applies what the assigned agent reports. Repeated reports (re-sent after a reconnect) change
   * nothing; a report from another agent or one the session cannot follow is refused.
   *
   * @return whether the report ended the session (its quota must then go back)
   */
  boolean report(ReportSessionStatus report) {
    if (agentId == null || !agentId.equals(report.agentId())) {
      throw new AgentReportRefused("session " + sessionId + " is not assigned to this agent");
    }
    String order = report.commandId();
    switch (report.status()) {
      case STARTING -> {
        if (status == SessionStatus.PENDING) {
          apply(new SessionStarting(sessionId, organizationId, agentId));
        } else if (status != SessionStatus.STARTING && status != SessionStatus.RUNNING) {
          throw refusal(report);
        }
      }
      case RUNNING -> {
        if (report.vncEndpoint() == null || report.vncEndpoint().isBlank()) {
          throw new AgentReportRefused("a running report must name the VNC endpoint");
        }
        if (status == SessionStatus.PENDING || status == SessionStatus.STARTING) {
          apply(new SessionRunning(sessionId, organizationId, report.vncEndpoint()));
        } else if (status == SessionStatus.RUNNING) {
          complete(order, AgentOrderKind.RESUME);
        } else {
          throw refusal(report);
        }
      }
      case HIBERNATED -> {
        if (status != SessionStatus.HIBERNATED) {
          throw refusal(report);
        }
        complete(order, AgentOrderKind.HIBERNATE);
      }
      case STOPPED, FAILED -> {
        if (status.isTerminal()) {
          complete(order, AgentOrderKind.STOP);
          return false;
        }
        String reason =
            report.reason() == null || report.reason().isBlank()
                ? (report.status() == ReportedStatus.STOPPED ? "the app exited" : "failed")
                : report.reason();
        if (report.status() == ReportedStatus.STOPPED) {
          apply(new SessionStopped(sessionId, organizationId, reason));
        } else {
          apply(new SessionFailed(sessionId, organizationId, reason));
        }
        return true;
      }
    }
    return false;
  }

  @CommandHandler
  void handle(ConnectViewer command) {
    requireAccess(command.requester());
    requireStatus("watched", "a running", SessionStatus.RUNNING);
    if (viewers.containsKey(command.viewerId())) {
      return; // a retried command: already recorded
    }
    apply(
        new ViewerConnected(
            sessionId, organizationId, command.viewerId(), command.requester().userId()));
  }

  /** Closes a viewer in any status: a tunnel also ends because its session stopped. */
  @CommandHandler
  void handle(DisconnectViewer command) {
    requireAccess(command.requester());
    String viewer = viewers.get(command.viewerId());
    if (viewer == null) {
      return; // never connected, or already recorded
    }
    apply(
        new ViewerDisconnected(
            sessionId, organizationId, command.viewerId(), viewer, command.reason(), status));
  }

  /** Records that the agent carried out an open order of that kind; unknown ids change nothing. */
  private void complete(String commandId, AgentOrderKind kind) {
    if (commandId != null && openOrders.get(commandId) == kind) {
      apply(new AgentOrderCompleted(sessionId, organizationId, agentId, commandId, status));
    }
  }

  private AgentReportRefused refusal(ReportSessionStatus report) {
    return new AgentReportRefused(
        "session is %s; a %s report does not fit"
            .formatted(status.wireName(), report.status().name().toLowerCase(Locale.ROOT)));
  }

  /** Stores the order for the session's agent, if it has one, before anything sends it. */
  private void orderAgent(AgentOrderKind kind) {
    if (agentId != null) {
      apply(
          new AgentOrderIssued(
              sessionId, organizationId, agentId, ResourceIds.next(), kind, status));
    }
  }

  /**
   * A session is in use while it is live, and after it ended until its agent has done the orders
   * left open and its viewers' tunnels have closed: their reports still come to it then, and
   * nothing else does after.
   */
  @Override
  public boolean stillInUse() {
    return LIVE.contains(status) || !openOrders.isEmpty() || !viewers.isEmpty();
  }

  String organizationId() {
    return organizationId;
  }

  SessionStatus status() {
    return status;
  }

  /** When {@code SessionCreated} happened, as its event says (the read side shows the same). */
  Instant createdAt() {
    return createdAt;
  }

  /**
   * Another organization's requester, or a plain user who does not own the session, is answered as
   * if the session did not exist.
   */
  private void requireAccess(Requester requester) {
    if (!requester.mayUse(organizationId, userId)) {
      throw NotFound.of("session", sessionId);
    }
  }

  private void requireStatus(String becoming, String allowed, SessionStatus... from) {
    requireStatus(becoming, allowed, Set.of(from));
  }

  private void requireStatus(String becoming, String allowed, Set<SessionStatus> from) {
    if (!from.contains(status)) {
      throw new Conflict(
          "session is %s; only %s session can be %s"
              .formatted(status.wireName(), allowed, becoming));
    }
  }

  @EventSourcingHandler
  void on(SessionCreated event, @Timestamp Instant timestamp) {
    sessionId = event.sessionId();
    createdAt = timestamp;
    organizationId = event.organizationId();
    userId = event.userId();
    status = event.status();
    waitingReason = event.waitingReason();
  }

  @EventSourcingHandler
  void on(SessionEvent event) {
    // every later transition carries the status it leads to
    status = event.status();
    if (event instanceof SessionAssigned assigned) {
      agentId = assigned.agentId();
      openOrders.put(assigned.commandId(), AgentOrderKind.START);
    } else if (event instanceof SessionWaiting waiting) {
      waitingReason = waiting.reason();
    } else if (event instanceof AgentOrderIssued issued) {
      openOrders.put(issued.commandId(), issued.kind());
    } else if (event instanceof AgentOrderCompleted completed) {
      openOrders.remove(completed.commandId());
    } else if (event instanceof SessionRunning) {
      openOrders.values().remove(AgentOrderKind.START);
    } else if (event instanceof ViewerConnected connected) {
      viewers.put(connected.viewerId(), connected.userId());
    } else if (event instanceof ViewerDisconnected disconnected) {
      viewers.remove(disconnected.viewerId());
    }
    if (status.isTerminal()) {
      openOrders.values().removeIf(kind -> kind != AgentOrderKind.STOP);
    }
  }
}
