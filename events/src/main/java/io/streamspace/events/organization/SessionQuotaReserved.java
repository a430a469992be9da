package io.streamspace.events.organization;

import io.streamspace.events.common.Revision;

/** A session took its share of the organization's quota. */
@Revision("1")
public record SessionQuotaReserved(
    String organizationId, String sessionId, io.streamspace.events.common.Resources resources)
    implements OrganizationEvent {}
