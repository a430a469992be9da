package io.streamspace.command.apikey;

import io.streamspace.events.common.Role;
import java.time.Instant;

/** An API key as the key list shows it: never its secret, nor the secret's hash. */
public record ApiKeyView(
    String id,
    String name,
    String prefix,
    String userId,
    String organizationId,
    Role scope,
    Instant createdAt,
    String createdBy,
    Instant expiresAt,
    Instant revokedAt,
    Instant lastUsedAt) {}
