package io.streamspace.events.session;

import io.streamspace.events.common.Revision;

/**
 * An order for the session's agent (stop, hibernate or resume) was stored before it is sent; it is
 * re-sent until the agent's report completes it.
 */
@Revision("1")
public record AgentOrderIssued(
    String sessionId,
    String organizationId,
    String agentId,
    String commandId,
    AgentOrderKind kind,
    SessionStatus status)
    implements SessionEvent {}
