package io.streamspace.command.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.streamspace.command.common.AggregateCacheConfiguration;
import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.session.FailSession;
import io.streamspace.events.session.HibernateSession;
import io.streamspace.events.session.MarkSessionRunning;
import io.streamspace.events.session.MarkSessionStarting;
import io.streamspace.events.session.ResumeSession;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionEvent;
import io.streamspace.events.session.SessionFailed;
import io.streamspace.events.session.SessionHibernated;
import io.streamspace.events.session.SessionResumed;
import io.streamspace.events.session.SessionRunning;
import io.streamspace.events.session.SessionStarting;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.events.session.StopSession;
import io.streamspace.events.template.TemplateDefinition;
import java.time.Instant;
import java.util.EnumSet;
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
 * SessionEndingHandler} drive them together with the organization in one unit of work; the steps
 * that touch only this session are handled here.
 */
@Aggregate(
    commandTargetResolver = PublishedLanguageTargetResolver.BEAN_NAME,
    cache = AggregateCacheConfiguration.BEAN_NAME)
public class Session {

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
    apply(
        new SessionCreated(
            sessionId,
            requester.organizationId(),
            requester.userId(),
            templateId,
            template,
            resources));
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
  }

  @CommandHandler
  void handle(ResumeSession command) {
    requireAccess(command.requester());
    requireStatus("resumed", "a hibernated", SessionStatus.HIBERNATED);
    apply(new SessionResumed(sessionId, organizationId, command.reason()));
  }

  /** Ends the session for good; the caller gives its quota back in the same unit of work. */
  void stop(StopSession command) {
    requireAccess(command.requester());
    if (status == SessionStatus.STOPPED) {
      throw new Conflict("session " + sessionId + " is already stopped");
    }
    requireStatus("stopped", "a live", LIVE);
    apply(new SessionStopped(sessionId, organizationId, command.reason()));
  }

  /** Records that the session could not start or died; the caller gives its quota back. */
  void fail(FailSession command) {
    requireAccess(command.requester());
    requireStatus("failed", "a live", LIVE);
    apply(new SessionFailed(sessionId, organizationId, command.reason()));
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
  }

  @EventSourcingHandler
  void on(SessionEvent event) {
    // every later transition carries the status it leads to
    status = event.status();
  }
}
