package io.streamspace.command.session;

import io.streamspace.command.common.NotFound;
import io.streamspace.command.organization.OrganizationQuotas;
import io.streamspace.command.template.Template;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.session.CreateSession;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.events.template.TemplateDefinition;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Creates sessions: one unit of work, and one transaction, that reads the template, takes the
 * session's share of the organization's quota and records the new session, so a refused quota
 * leaves no session behind and a failure after the share was taken leaves no share taken.
 *
 * <p>The share is taken in {@link OrganizationQuotas}, whose lock on the organization's quota lasts
 * until this transaction ends: that is what serialises sessions racing for the last slot.
 *
 * <p>A session that no connected agent could run records why it waits in the same unit of work
 * ({@link AgentAvailability}), so the dispatcher has nothing to add for it until an agent comes.
 */
@Component
public class SessionCreationHandler {

  private final Repository<Session> sessions;
  private final Repository<Template> templates;
  private final OrganizationQuotas quotas;
  private final AgentAvailability agents;

  public SessionCreationHandler(
      Repository<Session> sessions,
      Repository<Template> templates,
      OrganizationQuotas quotas,
      AgentAvailability agents) {
    this.sessions = sessions;
    this.templates = templates;
    this.quotas = quotas;
    this.agents = agents;
  }

  @CommandHandler
  public CreatedSession handle(CreateSession command) throws Exception {
    Requester requester = command.requester();
    Aggregate<Template> template = loadTemplate(command.templateId());
    String organizationId = template.invoke(Template::organizationId);
    // a session is made in the requester's own organization, from its own catalog
    if (organizationId == null || !organizationId.equals(requester.organizationId())) {
      throw NotFound.of("template", command.templateId());
    }
    TemplateDefinition definition = template.invoke(Template::launchDefinition);
    Resources resources =
        command.resources() != null ? command.resources() : definition.defaultResources();

    // asked before the share is taken: the organization's quota stays locked until the commit
    Optional<String> waiting = agents.reasonToWait(definition, resources);

    quotas.take(organizationId, command.sessionId(), resources);
    Aggregate<Session> session =
        sessions.newInstance(
            () ->
                new Session(
                    command.sessionId(),
                    requester,
                    command.templateId(),
                    definition,
                    resources,
                    waiting.orElse(null)));
    return new CreatedSession(
        command.sessionId(),
        SessionStatus.PENDING,
        command.templateId(),
        organizationId,
        requester.userId(),
        resources,
        // the event store keeps timestamps to the millisecond: answer what every later read shows
        session.invoke(Session::createdAt).truncatedTo(ChronoUnit.MILLIS));
  }

  private Aggregate<Template> loadTemplate(String templateId) {
    try {
      return templates.load(templateId);
    } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
      // incompatible: the id is another kind of resource's, as unknown as any other
      throw NotFound.of("template", templateId);
    }
  }
}
