package io.streamspace.command.user;

import io.streamspace.events.common.Role;

/** A newly registered person as {@code POST /api/v1/users} answers it (never the password). */
public record RegisteredUser(
    String id,
    String organizationId,
    String username,
    String email,
    String displayName,
    Role role,
    boolean disabled) {}
