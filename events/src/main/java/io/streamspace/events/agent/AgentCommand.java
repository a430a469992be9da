package io.streamspace.events.agent;

/** A command addressed to one agent's connection history. */
public sealed interface AgentCommand permits ConnectAgent, DisconnectAgent {
  String agentId();
}
