package io.streamspace.events.organization;

import io.streamspace.events.common.Revision;

/** A member's role changed. */
@Revision("1")
public record MemberRoleChanged(
    String organizationId, String userId, io.streamspace.events.common.Role role)
    implements OrganizationEvent {}
