package io.streamspace.events.organization;

import io.streamspace.events.common.Revision;

/** A member may no longer log in or start sessions. */
@Revision("1")
public record MemberDisabled(String organizationId, String userId) implements OrganizationEvent {}
