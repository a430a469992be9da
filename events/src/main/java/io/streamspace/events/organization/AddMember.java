package io.streamspace.events.organization;

import io.streamspace.events.common.Role;

/** An admin adds a person to an organization. */
public record AddMember(
    String organizationId,
    String userId,
    String username,
    String email,
    String displayName,
    Role role)
    implements OrganizationCommand {}
