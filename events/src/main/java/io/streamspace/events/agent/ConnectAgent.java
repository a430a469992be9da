package io.streamspace.events.agent;

/**
 * An agent presented a valid token at setup; {@code connectionId} names this connection so a late
 * disconnect of an earlier one never ends a newer one.
 */
public record ConnectAgent(
    String agentId,
    String tokenId,
    BackendKind backend,
    AgentCapacity capacity,
    String version,
    String connectionId)
    implements AgentCommand {}
