package io.streamspace.command.agent;

import io.rsocket.RSocket;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.stereotype.Component;

/**
 * The agents connected to this replica, by agent id and by connection. An agent has at most one
 * link: a reconnect replaces (and closes) the older one.
 */
@Component
public class AgentLinks {

  private final Map<String, AgentLink> byAgent = new ConcurrentHashMap<>();
  private final Map<RSocketRequester, AgentLink> byRequester = new ConcurrentHashMap<>();

  /** Registers {@code link}, returning the link it replaced, if any. */
  Optional<AgentLink> register(AgentLink link) {
    AgentLink previous = byAgent.put(link.agentId, link);
    byRequester.put(link.requester, link);
    if (previous != null) {
      byRequester.remove(previous.requester, previous);
    }
    return Optional.ofNullable(previous);
  }

  /** Forgets {@code link} if it is still the agent's current one; true when it was. */
  boolean remove(AgentLink link) {
    byRequester.remove(link.requester, link);
    return byAgent.remove(link.agentId, link);
  }

  Optional<AgentLink> of(RSocketRequester requester) {
    return Optional.ofNullable(byRequester.get(requester));
  }

  Optional<AgentLink> of(String agentId) {
    return Optional.ofNullable(byAgent.get(agentId));
  }

  Collection<AgentLink> all() {
    return byAgent.values();
  }

  /** The agent's live RSocket connection on this replica (VNC tunnels ride it). */
  public Optional<RSocket> connectionOf(String agentId) {
    return of(agentId).map(link -> link.requester.rsocket());
  }

  /** Whether the agent is connected to this replica. */
  public boolean isConnectedHere(String agentId) {
    return byAgent.containsKey(agentId);
  }

  public int size() {
    return byAgent.size();
  }
}
