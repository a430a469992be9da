package io.streamspace.events.identity;

import io.streamspace.events.common.Revision;

/** Someone logged in with a password and was given an access token. */
@Revision("1")
public record LoginSucceeded(
    String userId, String organizationId, String username, String clientAddress) {}
