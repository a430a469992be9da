package io.streamspace.events.organization;

/** Gives back a session's share of the quota once it has stopped or failed. */
public record ReleaseSessionQuota(String organizationId, String sessionId)
    implements OrganizationCommand {}
