package io.streamspace.events.organization;

import io.streamspace.events.common.Revision;

/**
 * A stopped or failed session gave its share of the quota back. Recorded until ADR 0016 moved the
 * quota's usage out of the organization's history: old histories keep it, nothing records it any
 * more.
 */
@Revision("1")
public record SessionQuotaReleased(
    String organizationId, String sessionId, io.streamspace.events.common.Resources resources)
    implements OrganizationEvent {}
