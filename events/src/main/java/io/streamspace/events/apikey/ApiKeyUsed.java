package io.streamspace.events.apikey;

import io.streamspace.events.common.Revision;

/**
 * An API key opened the API. Recorded for a key's first use in each interval (not every request),
 * so the audit trail shows that and from where a key is used without one event per call.
 */
@Revision("1")
public record ApiKeyUsed(
    String keyId, String organizationId, String userId, String prefix, String clientAddress)
    implements ApiKeyEvent {}
