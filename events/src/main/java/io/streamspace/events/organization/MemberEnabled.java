package io.streamspace.events.organization;

import io.streamspace.events.common.Revision;

/** A disabled member may log in again. */
@Revision("1")
public record MemberEnabled(String organizationId, String userId) implements OrganizationEvent {}
