package io.streamspace.events.agent;

import io.streamspace.events.common.Revision;

/** An agent token was revoked. */
@Revision("1")
public record AgentTokenRevoked(String tokenId, String name) {}
