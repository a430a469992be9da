package io.streamspace.events.apikey;

import io.streamspace.events.common.Revision;
import io.streamspace.events.common.Role;
import java.time.Instant;

/**
 * An API key was issued to {@code userId}; {@code prefix} identifies it without revealing it, and
 * it acts with at most {@code scope} until {@code expiresAt}.
 */
@Revision("1")
public record ApiKeyIssued(
    String keyId,
    String organizationId,
    String userId,
    String name,
    String prefix,
    Role scope,
    Instant expiresAt)
    implements ApiKeyEvent {}
