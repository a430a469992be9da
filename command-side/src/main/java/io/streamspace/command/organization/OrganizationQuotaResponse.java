package io.streamspace.command.organization;

import io.streamspace.events.organization.Quota;

/** The answer to a quota change: the organization and its new quota. */
public record OrganizationQuotaResponse(String id, Quota quota) {}
