package io.streamspace.server.identity;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.core.publisher.Mono;

/**
 * Reads the requester from the platform's own tokens (see {@link TokenIssuer}) and checks them
 * against the account table: a token outlives changes to its account (it is valid for an hour), so
 * a disabled account is refused and a changed role counts from the moment it is seen, not from the
 * next login. A token whose account does not exist is refused too.
 */
public class PlatformTokenCallerResolver implements CallerResolver {

  private final CachedAccountStandings standings;

  PlatformTokenCallerResolver(CachedAccountStandings standings) {
    this.standings = standings;
  }

  @Override
  public Mono<Requester> resolve(Jwt jwt) {
    return Mono.defer(
        () -> {
          Requester claimed = fromClaims(jwt);
          return standings
              .standingOf(claimed.userId())
              .map(
                  standing -> {
                    AccountStanding account =
                        standing.orElseThrow(
                            () ->
                                new InvalidBearerTokenException(
                                    "the token names an account that does not exist"));
                    if (account.disabled()) {
                      throw new DisabledException("account disabled");
                    }
                    return new Requester(
                        claimed.userId(), claimed.organizationId(), account.role());
                  });
        });
  }

  /** The requester as the token saw them when it was issued. */
  static Requester fromClaims(Jwt jwt) {
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
