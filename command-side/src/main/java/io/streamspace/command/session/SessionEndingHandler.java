package io.streamspace.command.session;

import io.streamspace.command.common.NotFound;
import io.streamspace.command.organization.OrganizationQuotas;
import io.streamspace.events.session.FailSession;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.events.session.StopSession;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Stops and fails sessions: the session's last transition and the return of its quota share are one
 * unit of work, so an ended session never keeps its share and a refused transition gives nothing
 * back.
 */
@Component
public class SessionEndingHandler {

  private final Repository<Session> sessions;
  private final OrganizationQuotas quotas;

  public SessionEndingHandler(Repository<Session> sessions, OrganizationQuotas quotas) {
    this.sessions = sessions;
    this.quotas = quotas;
  }

  @CommandHandler
  public SessionStatus handle(StopSession command) {
    load(command.sessionId()).execute(s -> s.stop(command));
    quotas.giveBack(command.sessionId());
    return SessionStatus.STOPPED;
  }

  @CommandHandler
  public SessionStatus handle(FailSession command) {
    load(command.sessionId()).execute(s -> s.fail(command));
    quotas.giveBack(command.sessionId());
    return SessionStatus.FAILED;
  }

  private Aggregate<Session> load(String sessionId) {
    try {
      return sessions.load(sessionId);
    } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
      // incompatible: the id is another kind of resource's, as unknown as any other
      throw NotFound.of("session", sessionId);
    }
  }
}
