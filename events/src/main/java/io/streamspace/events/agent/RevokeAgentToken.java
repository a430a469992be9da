package io.streamspace.events.agent;

import io.streamspace.events.common.Requester;

/** A system admin withdraws an agent token: no agent connects with it any more. */
public record RevokeAgentToken(String tokenId, Requester requester) {}
