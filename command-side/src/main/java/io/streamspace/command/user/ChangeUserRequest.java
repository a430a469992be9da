package io.streamspace.command.user;

import io.streamspace.events.common.Role;

/** Body of {@code PUT /api/v1/users/{id}}; an absent field stays as it is. */
public record ChangeUserRequest(Role role, Boolean disabled) {}
