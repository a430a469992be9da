package io.streamspace.query.session;

import io.streamspace.events.common.Resources;
import io.streamspace.events.session.SessionAssigned;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionFailed;
import io.streamspace.events.session.SessionHibernated;
import io.streamspace.events.session.SessionResumed;
import io.streamspace.events.session.SessionRunning;
import io.streamspace.events.session.SessionStarting;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.events.session.SessionWaiting;
import java.time.Instant;

/**
 * A session as the read API shows it; {@code agentConnected} flags a session whose agent went
 * silent (false) until the agent comes back and reconciles (null: no agent, or not known yet). The
 * agent's VNC endpoint stays out: browsers connect through the VNC proxy, never to an agent
 * directly.
 */
public record SessionView(
    String id,
    String organizationId,
    String userId,
    String templateId,
    String templateName,
    SessionStatus status,
    String statusReason,
    Resources resources,
    String agentId,
    Boolean agentConnected,
    Instant createdAt,
    Instant updatedAt,
    Instant runningSince) {

  /**
   * A session as its {@code SessionCreated} at {@code at} made it: pending, on no agent, perhaps
   * already saying why it waits.
   */
  static SessionView created(SessionCreated event, Instant at) {
    return new SessionView(
        event.sessionId(),
        event.organizationId(),
        event.userId(),
        event.templateId(),
        event.template() != null ? event.template().name() : null,
        SessionStatus.PENDING,
        event.waitingReason(),
        resources(event),
        null,
        null,
        at,
        at,
        null);
  }

  /**
   * This session after {@code event} at {@code at}, the same change {@link SessionProjection} makes
   * to its row; an event of no session transition changes nothing.
   */
  SessionView after(Object event, Instant at) {
    if (event instanceof SessionAssigned assigned) {
      return transition(status, null, assigned.agentId(), at, runningSince);
    }
    if (event instanceof SessionWaiting waiting) {
      return transition(status, waiting.reason(), agentId, at, runningSince);
    }
    if (event instanceof SessionStarting starting) {
      return transition(starting.status(), null, starting.agentId(), at, null);
    }
    if (event instanceof SessionRunning running) {
      return transition(running.status(), null, agentId, at, at);
    }
    if (event instanceof SessionHibernated hibernated) {
      return transition(hibernated.status(), hibernated.reason(), agentId, at, null);
    }
    if (event instanceof SessionResumed resumed) {
      return transition(resumed.status(), resumed.reason(), agentId, at, at);
    }
    if (event instanceof SessionStopped stopped) {
      return transition(stopped.status(), stopped.reason(), agentId, at, null);
    }
    if (event instanceof SessionFailed failed) {
      return transition(failed.status(), failed.reason(), agentId, at, null);
    }
    return this;
  }

  /** What the session was given: what it asked for, else its template's default, else nothing. */
  static Resources resources(SessionCreated event) {
    if (event.resources() != null) {
      return event.resources();
    }
    if (event.template() != null && event.template().defaultResources() != null) {
      return event.template().defaultResources();
    }
    return Resources.NONE;
  }

  private SessionView transition(
      SessionStatus newStatus, String reason, String newAgentId, Instant at, Instant running) {
    return new SessionView(
        id,
        organizationId,
        userId,
        templateId,
        templateName,
        newStatus,
        reason,
        resources,
        newAgentId,
        agentConnected,
        createdAt,
        at,
        running);
  }
}
