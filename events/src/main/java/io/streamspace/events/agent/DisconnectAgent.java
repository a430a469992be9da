package io.streamspace.events.agent;

/** The agent's connection {@code connectionId} ended or went silent. */
public record DisconnectAgent(String agentId, String connectionId, String reason)
    implements AgentCommand {}
