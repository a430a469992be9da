package io.streamspace.events.organization;

/** The events of the organization aggregate. */
public sealed interface OrganizationEvent
    permits OrganizationCreated,
        OrganizationQuotaChanged,
        MemberAdded,
        MemberRoleChanged,
        MemberDisabled,
        MemberEnabled,
        MemberProfileChanged,
        SessionQuotaReserved,
        SessionQuotaReleased {
  String organizationId();
}
