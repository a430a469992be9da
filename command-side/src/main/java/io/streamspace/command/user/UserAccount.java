package io.streamspace.command.user;

import io.streamspace.events.common.Role;

/** A person's account as the command side keeps it; the password hash never leaves this module. */
public record UserAccount(
    String id, String organizationId, String username, Role role, boolean disabled) {}
