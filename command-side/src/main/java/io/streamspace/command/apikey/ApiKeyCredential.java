package io.streamspace.command.apikey;

import io.streamspace.events.common.Role;
import java.time.Instant;

/** A valid API key as its check finds it: whose it is and the most it may do. */
public record ApiKeyCredential(
    String keyId,
    String organizationId,
    String userId,
    String prefix,
    Role scope,
    Instant expiresAt) {}
