package io.streamspace.events.organization;

import io.streamspace.events.common.Revision;

/** An organization came to be, with its quota. */
@Revision("1")
public record OrganizationCreated(
    String organizationId, String name, String displayName, Quota quota)
    implements OrganizationEvent {}
