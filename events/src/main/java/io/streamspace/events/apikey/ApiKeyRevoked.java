package io.streamspace.events.apikey;

import io.streamspace.events.common.Revision;

/** An API key was revoked: it opens nothing from now on. */
@Revision("1")
public record ApiKeyRevoked(String keyId, String organizationId, String userId, String prefix)
    implements ApiKeyEvent {}
