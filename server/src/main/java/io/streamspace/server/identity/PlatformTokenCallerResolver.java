package io.streamspace.server.identity;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** Reads the requester from the claims of the platform's own tokens (see {@link TokenIssuer}). */
public class PlatformTokenCallerResolver implements CallerResolver {

  @Override
  public Requester resolve(Jwt jwt) {
    String userId = required(jwt, "sub", jwt.getSubject());
    String organizationId =
        required(
            jwt,
            TokenIssuer.ORGANIZATION_CLAIM,
            jwt.getClaimAsString(TokenIssuer.ORGANIZATION_CLAIM));
    String role =
        required(jwt, TokenIssuer.ROLE_CLAIM, jwt.getClaimAsString(TokenIssuer.ROLE_CLAIM));
    try {
      return new Requester(userId, organizationId, Role.fromWireName(role));
    } catch (IllegalArgumentException e) {
      throw new InvalidBearerTokenException("the token names an unknown role");
    }
  }

  private static String required(Jwt jwt, String claim, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidBearerTokenException("the token has no " + claim + " claim");
    }
    return value;
  }
}
