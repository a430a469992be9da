package io.streamspace.query.user;

import io.streamspace.events.common.Role;
import java.time.Instant;

/** A member of an organization as the read API shows it. */
public record UserView(
    String id,
    String organizationId,
    String username,
    String email,
    String displayName,
    Role role,
    boolean disabled,
    Instant createdAt,
    Instant updatedAt) {}
