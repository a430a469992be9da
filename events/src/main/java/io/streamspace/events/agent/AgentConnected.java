package io.streamspace.events.agent;

import io.streamspace.events.common.Revision;

/** An agent connected (again) with this backend and capacity. */
@Revision("1")
public record AgentConnected(
    String agentId,
    String tokenId,
    BackendKind backend,
    AgentCapacity capacity,
    String version,
    String connectionId)
    implements AgentEvent {}
