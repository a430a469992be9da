package io.streamspace.events.agent;

/**
 * The setup frame's payload: who the agent is, what it can run, and the credential that lets it in
 * (an agent token issued by a system admin).
 */
public record AgentSetup(
    String agentId, BackendKind backend, AgentCapacity capacity, String version, String token) {

  /** Never prints the credential. */
  @Override
  public String toString() {
    return "AgentSetup[agentId=%s, backend=%s, capacity=%s, version=%s]"
        .formatted(agentId, backend, capacity, version);
  }
}
