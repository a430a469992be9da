package io.streamspace.events.apikey;

/** The events of API keys: each names the organization of the key's owner, which scopes it. */
public sealed interface ApiKeyEvent permits ApiKeyIssued, ApiKeyRevoked, ApiKeyUsed {
  String keyId();

  String organizationId();

  String userId();
}
