package io.streamspace.events.agent;

import io.streamspace.events.common.Revision;

/**
 * An agent is gone (closed its connection or missed its heartbeats); its sessions are flagged until
 * it comes back and reconciles.
 */
@Revision("1")
public record AgentDisconnected(String agentId, String connectionId, String reason)
    implements AgentEvent {}
