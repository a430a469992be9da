package io.streamspace.events.agent;

import io.streamspace.events.common.Revision;

/** An agent token was issued; {@code prefix} identifies it without revealing it. */
@Revision("1")
public record AgentTokenIssued(String tokenId, String name, String prefix) {}
