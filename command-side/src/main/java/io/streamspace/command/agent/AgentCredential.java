package io.streamspace.command.agent;

/** What a valid agent token proves: which token it is (for the audit trail) and its name. */
public record AgentCredential(String tokenId, String name) {}
