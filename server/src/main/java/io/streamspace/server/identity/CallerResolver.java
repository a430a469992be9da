package io.streamspace.server.identity;

import io.streamspace.events.common.Requester;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The single place that turns a validated token into the platform's {@link Requester}. SSO (tokens
 * of an external identity provider) and API keys plug in here; nothing else reads token claims.
 */
public interface CallerResolver {

  /**
   * The requester {@code jwt} speaks for.
   *
   * @throws org.springframework.security.oauth2.server.resource.InvalidBearerTokenException when
   *     the token lacks what the platform needs to know who is asking
   */
  Requester resolve(Jwt jwt);
}
