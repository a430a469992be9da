package io.streamspace.events.organization;

import io.streamspace.events.common.Revision;

/** A stopped or failed session gave its share of the quota back. */
@Revision("1")
public record SessionQuotaReleased(
    String organizationId, String sessionId, io.streamspace.events.common.Resources resources)
    implements OrganizationEvent {}
