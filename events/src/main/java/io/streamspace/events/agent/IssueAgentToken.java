package io.streamspace.events.agent;

import io.streamspace.events.common.Requester;

/** A system admin asks for a new agent token; only its hash is kept. */
public record IssueAgentToken(String tokenId, Requester requester, String name) {}
