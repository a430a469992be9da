package io.streamspace.command.session;

import io.streamspace.command.common.NotFound;
import io.streamspace.command.organization.OrganizationQuotas;
import io.streamspace.events.session.ReportSessionStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
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
  private final OrganizationQuotas quotas;

  public AgentReportHandler(Repository<Session> sessions, OrganizationQuotas quotas) {
    this.sessions = sessions;
    this.quotas = quotas;
  }

  @CommandHandler
  public void handle(ReportSessionStatus report) {
    Aggregate<Session> session;
    try {
      session = sessions.load(report.sessionId());
    } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
      throw NotFound.of("session", report.sessionId());
    }
    boolean ended = session.invoke(s -> s.report(report));
    if (ended) {
      quotas.giveBack(report.sessionId());
    }
  }
}
