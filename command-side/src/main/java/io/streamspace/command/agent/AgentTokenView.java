package io.streamspace.command.agent;

import java.time.Instant;

/** An agent token as the token list shows it: never its secret, nor the secret's hash. */
public record AgentTokenView(
    String id,
    String name,
    String prefix,
    Instant createdAt,
    String createdBy,
    Instant revokedAt,
    Instant lastUsedAt) {}
