package io.streamspace.events.organization;

import io.streamspace.events.common.Revision;

/** An organization's quota changed. */
@Revision("1")
public record OrganizationQuotaChanged(String organizationId, Quota quota)
    implements OrganizationEvent {}
