package io.streamspace.events.agent;

import io.streamspace.events.common.Revision;

/**
 * Someone tried to connect as an agent without a valid credential. Not an agent's event (the
 * claimed id proves nothing), but kept in the audit trail.
 */
@Revision("1")
public record AgentConnectionRefused(String claimedAgentId, String reason, String remoteAddress) {}
