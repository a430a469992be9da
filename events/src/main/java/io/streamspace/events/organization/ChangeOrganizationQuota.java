package io.streamspace.events.organization;

/** A system admin changes an organization's quota; running sessions are never evicted by it. */
public record ChangeOrganizationQuota(String organizationId, Quota quota)
    implements OrganizationCommand {}
