package io.streamspace.query.live;

import io.streamspace.events.agent.AgentConnected;
import io.streamspace.events.agent.AgentDisconnected;
import io.streamspace.query.projection.ProjectionGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Announces agents connecting and disconnecting, from the {@code agents} processor, in the
 * transaction that updates {@code agent_view} (see {@link SessionChangeNotifier}).
 */
@Component
@ProcessingGroup(ProjectionGroups.AGENTS)
@DisallowReplay
public class AgentChangeNotifier {

  private final LiveNotices notices;

  public AgentChangeNotifier(LiveNotices notices) {
    this.notices = notices;
  }

  @EventHandler
  void on(AgentConnected event) {
    notices.announce(new LiveChange(LiveChange.AGENT, event.agentId()));
  }

  @EventHandler
  void on(AgentDisconnected event) {
    notices.announce(new LiveChange(LiveChange.AGENT, event.agentId()));
  }
}
