package io.streamspace.events.organization;

/** A system admin creates an organization with its quota. */
public record CreateOrganization(
    String organizationId, String name, String displayName, Quota quota)
    implements OrganizationCommand {}
