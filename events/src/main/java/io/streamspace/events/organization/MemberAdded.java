package io.streamspace.events.organization;

import io.streamspace.events.common.Revision;

/** A person joined an organization. */
@Revision("1")
public record MemberAdded(
    String organizationId,
    String userId,
    String username,
    String email,
    String displayName,
    io.streamspace.events.common.Role role)
    implements OrganizationEvent {}
