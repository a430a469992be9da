package io.streamspace.events.organization;

import io.streamspace.events.common.Resources;

/** Takes a session's share of the organization's quota, or fails when it does not fit. */
public record ReserveSessionQuota(String organizationId, String sessionId, Resources resources)
    implements OrganizationCommand {}
