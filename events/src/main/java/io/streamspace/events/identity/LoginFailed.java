package io.streamspace.events.identity;

import io.streamspace.events.common.Revision;

/**
 * A password login was refused. Never the password; the username as it was typed (it may name
 * nobody), and the account's organization and id when it names someone.
 *
 * @param reason why, for the people reading the audit log (the client is told only "invalid
 *     username or password"): {@code unknown user}, {@code wrong password}, {@code account
 *     disabled}, or {@code locked out} while the username or address is locked
 */
@Revision("1")
public record LoginFailed(
    String username, String userId, String organizationId, String clientAddress, String reason) {}
