package io.streamspace.command.organization;

import io.streamspace.events.organization.Quota;

/** An organization as the write endpoints answer it. */
public record OrganizationResponse(String id, String name, String displayName, Quota quota) {}
