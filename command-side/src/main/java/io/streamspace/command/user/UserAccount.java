package io.streamspace.command.user;

import io.streamspace.events.common.Role;

/**
 * A person's account as the command side keeps it and as {@code POST} and {@code PUT /api/v1/users}
 * answer it; the password hash never leaves this module.
 */
public record UserAccount(
    String id,
    String organizationId,
    String username,
    String email,
    String displayName,
    Role role,
    boolean disabled) {}
