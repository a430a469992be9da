package io.streamspace.command.session;

import io.streamspace.command.common.NotFound;
import io.streamspace.events.organization.ReleaseSessionQuota;
import io.streamspace.events.session.FailSession;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.events.session.StopSession;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.MetaData;
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
  private final CommandGateway commandGateway;

  public SessionEndingHandler(Repository<Session> sessions, CommandGateway commandGateway) {
    this.sessions = sessions;
    this.commandGateway = commandGateway;
  }

  @CommandHandler
  public SessionStatus handle(StopSession command, MetaData metaData) {
    Aggregate<Session> session = load(command.sessionId());
    session.execute(s -> s.stop(command));
    release(session, command.sessionId(), metaData);
    return SessionStatus.STOPPED;
  }

  @CommandHandler
  public SessionStatus handle(FailSession command, MetaData metaData) {
    Aggregate<Session> session = load(command.sessionId());
    session.execute(s -> s.fail(command));
    release(session, command.sessionId(), metaData);
    return SessionStatus.FAILED;
  }

  private void release(Aggregate<Session> session, String sessionId, MetaData metaData) {
    String organizationId = session.invoke(Session::organizationId);
    commandGateway.sendAndWait(new ReleaseSessionQuota(organizationId, sessionId), metaData);
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
