package io.streamspace.events.apikey;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import java.time.Instant;

/**
 * A person asks for an API key for {@code userId} (themselves, or a member of an organization they
 * administer), acting with at most {@code scope} until {@code expiresAt}; only its hash is kept. A
 * null {@code scope} means the owner's current role.
 */
public record IssueApiKey(
    String keyId, Requester requester, String userId, String name, Role scope, Instant expiresAt) {}
