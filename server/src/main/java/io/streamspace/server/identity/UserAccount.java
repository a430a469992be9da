package io.streamspace.server.identity;

import io.streamspace.events.common.Role;

/** A row of the account table as the login needs it: who the person is and how to check them. */
public record UserAccount(
    String userId,
    String organizationId,
    String username,
    String passwordHash,
    Role role,
    boolean disabled) {}
