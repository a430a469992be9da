package io.streamspace.events.organization;

/** The events of the organization aggregate. */
public sealed interface OrganizationEvent
    permits OrganizationCreated,
        OrganizationQuotaChanged,
        MemberAdded,
        MemberRoleChanged,
        MemberDisabled,
        MemberEnabled,
        SessionQuotaReserved,
        SessionQuotaReleased {
  String organizationId();
}
