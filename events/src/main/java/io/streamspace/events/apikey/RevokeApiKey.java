package io.streamspace.events.apikey;

import io.streamspace.events.common.Requester;

/** The key's owner or an admin of its organization revokes an API key. */
public record RevokeApiKey(String keyId, Requester requester) {}
