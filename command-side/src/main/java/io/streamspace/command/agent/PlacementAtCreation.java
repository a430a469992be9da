package io.streamspace.command.agent;

import io.streamspace.command.agent.DispatchStore.PlacedSession;
import io.streamspace.command.session.AgentAvailability;
import io.streamspace.events.common.Resources;
import io.streamspace.events.template.TemplateDefinition;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Answers {@link AgentAvailability} with the dispatcher's own placement rules over the agents it
 * knows. It decides only that a session waits, which takes no agent's room; so two creations
 * reading the same slots need no serialising, and choosing the agent stays with the single-segment
 * dispatcher.
 */
@Component
class PlacementAtCreation implements AgentAvailability {

  private final DispatchStore store;

  PlacementAtCreation(DispatchStore store) {
    this.store = store;
  }

  @Override
  public Optional<String> reasonToWait(TemplateDefinition template, Resources resources) {
    PlacedSession candidate =
        new PlacedSession(
            null,
            null,
            null,
            null,
            null,
            false,
            null,
            !template.command().isEmpty(),
            template.image() != null && !template.image().isBlank(),
            resources == null ? 0 : resources.cpuMillis(),
            resources == null ? 0 : resources.memoryMb(),
            null,
            null,
            null,
            null,
            null);
    Placement.Decision decision = Placement.choose(candidate, store.connectedAgents());
    return decision.agentId().isPresent() ? Optional.empty() : Optional.of(decision.reason());
  }
}
