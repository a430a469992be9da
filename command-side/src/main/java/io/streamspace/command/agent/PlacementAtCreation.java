package io.streamspace.command.agent;

import io.streamspace.command.agent.DispatchStore.AgentSlot;
import io.streamspace.command.agent.DispatchStore.PlacedSession;
import io.streamspace.command.session.AgentAvailability;
import io.streamspace.events.common.Resources;
import io.streamspace.events.template.TemplateDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Answers {@link AgentAvailability} with the dispatcher's own placement rules over the agents it
 * knows. It decides only that a session waits, which takes no agent's room; so two creations
 * reading the same slots need no serialising, and choosing the agent stays with the single-segment
 * dispatcher.
 *
 * <p>The agents are read at most once per {@link #SNAPSHOT_AGE}, not once per creation, and again
 * as soon as this replica's dispatcher sees them change. The answer is a hint the dispatcher
 * checks: a session told to wait that an agent could take is placed by the dispatcher's own
 * reading, and one not told to wait that no agent can take gets its waiting from the dispatcher, as
 * before.
 */
@Component
class PlacementAtCreation implements AgentAvailability {

  /** Short enough that agents another replica saw come or go count almost at once. */
  static final Duration SNAPSHOT_AGE = Duration.ofMillis(250);

  private final DispatchStore store;
  private volatile Snapshot snapshot;

  PlacementAtCreation(DispatchStore store) {
    this.store = store;
  }

  /** The dispatcher saw agents come, go, or take or free room. */
  void agentsChanged() {
    snapshot = null;
  }

  private List<AgentSlot> agents() {
    Snapshot current = snapshot;
    long now = System.nanoTime();
    if (current == null || now - current.readAt() > SNAPSHOT_AGE.toNanos()) {
      current = new Snapshot(store.connectedAgents(), now);
      snapshot = current;
    }
    return current.agents();
  }

  private record Snapshot(List<AgentSlot> agents, long readAt) {}

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
    Placement.Decision decision = Placement.choose(candidate, agents());
    return decision.agentId().isPresent() ? Optional.empty() : Optional.of(decision.reason());
  }
}
