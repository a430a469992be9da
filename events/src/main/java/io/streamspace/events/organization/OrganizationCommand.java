package io.streamspace.events.organization;

/** A command addressed to one organization. */
public sealed interface OrganizationCommand
    permits CreateOrganization,
        ChangeOrganizationQuota,
        AddMember,
        ChangeMember,
        ChangeMemberProfile {
  String organizationId();
}
