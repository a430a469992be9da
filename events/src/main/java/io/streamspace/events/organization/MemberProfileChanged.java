package io.streamspace.events.organization;

import io.streamspace.events.common.Revision;

/** A member's email and display name are now these. */
@Revision("1")
public record MemberProfileChanged(
    String organizationId, String userId, String email, String displayName)
    implements OrganizationEvent {}
