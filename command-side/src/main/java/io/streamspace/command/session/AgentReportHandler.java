package io.streamspace.command.session;

import io.streamspace.command.common.NotFound;
import io.streamspace.events.organization.ReleaseSessionQuota;
import io.streamspace.events.session.ReportSessionStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Applies agents' reports to sessions. A report that ends the session (the app exited, the start
 * failed) gives its quota back in the same unit of work, like a stop on request.
 */
@Component
public class AgentReportHandler {

  private final Repository<Session> sessions;
  private final CommandGateway commandGateway;

  public AgentReportHandler(Repository<Session> sessions, CommandGateway commandGateway) {
    this.sessions = sessions;
    this.commandGateway = commandGateway;
  }

  @CommandHandler
  public void handle(ReportSessionStatus report, MetaData metaData) {
    Aggregate<Session> session;
    try {
      session = sessions.load(report.sessionId());
    } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
      throw NotFound.of("session", report.sessionId());
    }
    boolean ended = session.invoke(s -> s.report(report));
    if (ended) {
      String organizationId = session.invoke(Session::organizationId);
      commandGateway.sendAndWait(
          new ReleaseSessionQuota(organizationId, report.sessionId()), metaData);
    }
  }
}
