package io.streamspace.events.user;

import io.streamspace.events.common.Role;

/**
 * A person an external identity provider vouches for signs in for the first time: the platform
 * gives them an account (without a password) in the organization their claims name.
 *
 * @param providerId the configured provider's id
 * @param subject the provider's stable id of the person (its user id claim)
 * @param username a unique login name; the handler falls back to {@code providerId:subject} when it
 *     is taken
 */
public record ProvisionExternalUser(
    String userId,
    String providerId,
    String subject,
    String organizationId,
    String username,
    String email,
    String displayName,
    Role role) {}
