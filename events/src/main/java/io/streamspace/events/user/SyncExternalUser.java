package io.streamspace.events.user;

import io.streamspace.events.common.Role;

/**
 * A known person signs in again through their identity provider, whose claims now say this: the
 * account follows the provider (email, display name, role), which is the source of truth for them.
 */
public record SyncExternalUser(
    String userId,
    String providerId,
    String subject,
    String email,
    String displayName,
    Role role) {}
