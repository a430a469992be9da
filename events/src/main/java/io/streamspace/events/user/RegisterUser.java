package io.streamspace.events.user;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;

/**
 * An admin registers a person in an organization. The password arrives already hashed and is kept
 * out of the event stream: only the account table holds it.
 */
public record RegisterUser(
    String userId,
    Requester requester,
    String organizationId,
    String username,
    String passwordHash,
    String email,
    String displayName,
    Role role) {}
