package io.streamspace.events.organization;

/** A member's email or display name changes (e.g. synced from their identity provider). */
public record ChangeMemberProfile(
    String organizationId, String userId, String email, String displayName)
    implements OrganizationCommand {}
