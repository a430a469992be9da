package io.streamspace.events.organization;

import io.streamspace.events.common.Role;

/** An admin changes a member's role or disables them; {@code null} leaves a field unchanged. */
public record ChangeMember(String organizationId, String userId, Role role, Boolean disabled)
    implements OrganizationCommand {}
