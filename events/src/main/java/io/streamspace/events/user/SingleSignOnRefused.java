package io.streamspace.events.user;

import io.streamspace.events.common.Revision;

/**
 * A sign-in through an external identity provider was refused: its organization does not exist, the
 * account is disabled, or the browser flow failed (bad state, invalid ID token, denied at the
 * provider). Kept in the audit trail; no aggregate's event.
 *
 * @param providerId the configured provider the attempt went through
 * @param subject the provider's id of the person when the token was valid enough to name one, else
 *     null
 * @param reason a short machine code ({@code unknown_organization}, {@code invalid_state}, ...)
 * @param detail a human explanation
 */
@Revision("1")
public record SingleSignOnRefused(
    String providerId, String subject, String reason, String detail, String clientIp) {}
