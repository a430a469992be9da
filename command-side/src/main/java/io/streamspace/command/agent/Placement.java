package io.streamspace.command.agent;

import io.streamspace.command.agent.DispatchStore.AgentSlot;
import io.streamspace.command.agent.DispatchStore.PlacedSession;
import io.streamspace.events.agent.BackendKind;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the agent for a pending session: a connected agent whose backend can run the template and
 * that has room for it, the least loaded first. When none fits, says why in words a user can act
 * on.
 */
final class Placement {

  /** The chosen agent, or why there is none. */
  record Decision(Optional<String> agentId, String reason) {
    static Decision to(String agentId) {
      return new Decision(Optional.of(agentId), null);
    }

    static Decision waiting(String reason) {
      return new Decision(Optional.empty(), reason);
    }
  }

  private Placement() {}

  static Decision choose(PlacedSession session, List<AgentSlot> agents) {
    if (agents.isEmpty()) {
      return Decision.waiting("waiting for an agent: none is connected");
    }
    List<AgentSlot> able = agents.stream().filter(a -> canRun(a.backend(), session)).toList();
    if (able.isEmpty()) {
      return Decision.waiting(
          "waiting for an agent: no connected agent's backend can run this template ("
              + (session.runsLocal() ? "it has no container image" : "it has no local command")
              + ")");
    }
    return able.stream()
        .filter(a -> hasRoom(a, session))
        .min(Comparator.comparingDouble((AgentSlot a) -> load(a)).thenComparing(AgentSlot::agentId))
        .map(a -> Decision.to(a.agentId()))
        .orElseGet(
            () ->
                Decision.waiting(
                    "waiting for an agent: every agent that can run it is at capacity"));
  }

  static boolean canRun(BackendKind backend, PlacedSession session) {
    return backend == BackendKind.LOCAL ? session.runsLocal() : session.runsContainer();
  }

  static boolean hasRoom(AgentSlot agent, PlacedSession session) {
    var capacity = agent.capacity();
    return agent.liveSessions() < capacity.sessions()
        && (capacity.cpuMillis() == 0
            || agent.cpuMillis() + session.cpuMillis() <= capacity.cpuMillis())
        && (capacity.memoryMb() == 0
            || agent.memoryMb() + session.memoryMb() <= capacity.memoryMb());
  }

  private static double load(AgentSlot agent) {
    return (double) agent.liveSessions() / agent.capacity().sessions();
  }
}
