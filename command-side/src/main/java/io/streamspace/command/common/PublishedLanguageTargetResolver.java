package io.streamspace.command.common;

import io.streamspace.events.agent.AgentCommand;
import io.streamspace.events.organization.OrganizationCommand;
import io.streamspace.events.session.PlatformSessionCommand;
import io.streamspace.events.session.SessionCommand;
import io.streamspace.events.template.TemplateCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Finds the aggregate a command is for through the published language's own interfaces, so the
 * records in {@code events/} need no Axon annotation.
 *
 * <p>Every aggregate names this bean in its {@code @Aggregate(commandTargetResolver = ...)}.
 */
@Component(PublishedLanguageTargetResolver.BEAN_NAME)
public class PublishedLanguageTargetResolver implements CommandTargetResolver {

  public static final String BEAN_NAME = "publishedLanguageTargetResolver";

  @Override
  public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
    String id = targetOf(command.getPayload());
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(
          "command " + command.getPayloadType().getSimpleName() + " names no target");
    }
    // No expected version: the aggregate lock and the event store's unique key order writers.
    return new VersionedAggregateIdentifier(id, null);
  }

  private static String targetOf(Object payload) {
    if (payload instanceof SessionCommand command) {
      return command.sessionId();
    }
    if (payload instanceof PlatformSessionCommand command) {
      return command.sessionId();
    }
    if (payload instanceof AgentCommand command) {
      return command.agentId();
    }
    if (payload instanceof TemplateCommand command) {
      return command.templateId();
    }
    if (payload instanceof OrganizationCommand command) {
      return command.organizationId();
    }
    throw new IllegalArgumentException(
        payload.getClass().getSimpleName() + " is not addressed to an aggregate");
  }
}
