package io.streamspace.events.session;

import io.streamspace.events.common.Revision;

/** The agent reported the outcome of order {@code commandId}; it is not sent again. */
@Revision("1")
public record AgentOrderCompleted(
    String sessionId, String organizationId, String agentId, String commandId, SessionStatus status)
    implements SessionEvent {}
