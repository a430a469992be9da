package io.streamspace.events.user;

import io.streamspace.events.common.Revision;
import io.streamspace.events.common.Role;

/**
 * An account was created for a person on their first sign-in through an external identity provider.
 * The organization's {@code MemberAdded} follows in the same transaction; this event records where
 * the person came from (provider and subject), which membership does not.
 */
@Revision("1")
public record UserProvisioned(
    String userId,
    String organizationId,
    String providerId,
    String subject,
    String username,
    String email,
    String displayName,
    Role role) {}
