package io.streamspace.server.identity.oidc;

import io.streamspace.events.common.Role;

/**
 * Who a provider's token says the person is, through the provider's claim mappings.
 *
 * @param organization the organization's name or id, as the claim (or the provider's fixed
 *     organization) names it
 */
record ExternalIdentity(
    String providerId,
    String subject,
    String username,
    String email,
    String displayName,
    String organization,
    Role role) {}
