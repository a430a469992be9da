package io.streamspace.command.template;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.streamspace.command.common.AggregateCacheConfiguration;
import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.Forbidden;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.events.common.Requester;
import io.streamspace.events.template.CreateTemplate;
import io.streamspace.events.template.DeleteTemplate;
import io.streamspace.events.template.TemplateCreated;
import io.streamspace.events.template.TemplateDefinition;
import io.streamspace.events.template.TemplateDeleted;
import io.streamspace.events.template.TemplateUpdated;
import io.streamspace.events.template.UpdateTemplate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An application in an organization's catalog. Deleting it keeps its history (and the sessions made
 * from it) but it accepts no change and starts no new session.
 */
@Aggregate(
    commandTargetResolver = PublishedLanguageTargetResolver.BEAN_NAME,
    cache = AggregateCacheConfiguration.BEAN_NAME)
public class Template {

  @AggregateIdentifier private String templateId;
  private String organizationId;
  private TemplateDefinition definition;
  private boolean deleted;

  protected Template() {
    // for Axon
  }

  @CommandHandler
  public Template(CreateTemplate command) {
    if (!command.requester().role().administersOrganization()) {
      throw new Forbidden("only an organization admin may add templates");
    }
    TemplateRules.check(command.definition());
    apply(
        new TemplateCreated(
            command.templateId(), command.requester().organizationId(), command.definition()));
  }

  /** Answers the organization the template belongs to, for the caller's response. */
  @CommandHandler
  String handle(UpdateTemplate command) {
    requireAdministrableBy(command.requester());
    TemplateRules.check(command.definition());
    apply(new TemplateUpdated(templateId, organizationId, command.definition()));
    return organizationId;
  }

  @CommandHandler
  void handle(DeleteTemplate command) {
    requireAdministrableBy(command.requester());
    apply(new TemplateDeleted(templateId, organizationId));
  }

  /** The organization whose catalog holds this template. */
  public String organizationId() {
    return organizationId;
  }

  /**
   * The definition a new session copies.
   *
   * @throws Conflict when the template was deleted: it starts no new session
   */
  public TemplateDefinition launchDefinition() {
    if (deleted) {
      throw new Conflict("template " + templateId + " was deleted");
    }
    return definition;
  }

  /**
   * Whether {@code requester} may see this template at all: its own organization's, or any for a
   * system admin. Everyone else is answered as if it did not exist.
   */
  public boolean isVisibleTo(Requester requester) {
    return organizationId != null
        && (organizationId.equals(requester.organizationId())
            || requester.mayAdminister(organizationId));
  }

  private void requireAdministrableBy(Requester requester) {
    if (deleted || !isVisibleTo(requester)) {
      throw NotFound.of("template", templateId);
    }
    if (!requester.mayAdminister(organizationId)) {
      throw new Forbidden("only an organization admin may change templates");
    }
  }

  @EventSourcingHandler
  void on(TemplateCreated event) {
    templateId = event.templateId();
    organizationId = event.organizationId();
    definition = event.definition();
  }

  @EventSourcingHandler
  void on(TemplateUpdated event) {
    definition = event.definition();
  }

  @EventSourcingHandler
  void on(TemplateDeleted event) {
    deleted = true;
  }
}
