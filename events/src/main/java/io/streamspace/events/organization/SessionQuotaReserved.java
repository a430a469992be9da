package io.streamspace.events.organization;

import io.streamspace.events.common.Revision;

/**
 * A session took its share of the organization's quota. Recorded until ADR 0016 moved the quota's
 * usage out of the organization's history: old histories keep it, nothing records it any more.
 */
@Revision("1")
public record SessionQuotaReserved(
    String organizationId, String sessionId, io.streamspace.events.common.Resources resources)
    implements OrganizationEvent {}
