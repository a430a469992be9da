package io.streamspace.events.agent;

/** The events of an agent's connection history. */
public sealed interface AgentEvent permits AgentConnected, AgentDisconnected {
  String agentId();
}
