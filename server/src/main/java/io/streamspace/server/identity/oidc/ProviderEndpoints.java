package io.streamspace.server.identity.oidc;

import java.net.URI;

/**
 * Where a provider lives: from its discovery document, or configured by hand.
 *
 * @param issuer the {@code iss} its tokens carry
 * @param authorizationEndpoint where browsers log in (null: no browser login)
 * @param tokenEndpoint where codes are exchanged (null: no browser login)
 * @param jwksUri its signing keys
 */
record ProviderEndpoints(String issuer, URI authorizationEndpoint, URI tokenEndpoint, URI jwksUri) {

  boolean supportsBrowserLogin() {
    return authorizationEndpoint != null && tokenEndpoint != null;
  }
}
