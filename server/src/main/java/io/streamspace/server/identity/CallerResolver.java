package io.streamspace.server.identity;

import io.streamspace.events.common.Requester;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

/**
 * The single place that turns a validated token into the platform's {@link Requester}. SSO (tokens
 * of an external identity provider) and API keys plug in here; nothing else reads token claims.
 */
public interface CallerResolver {

  /**
   * The requester {@code jwt} speaks for, as the platform knows them now (not only as they were
   * when the token was issued). Never blocks the calling thread.
   *
   * <p>Fails with {@link
   * org.springframework.security.oauth2.server.resource.InvalidBearerTokenException} when the token
   * lacks what the platform needs to know who is asking or names no account, and with {@link
   * org.springframework.security.authentication.DisabledException} when the account is disabled.
   */
  Mono<Requester> resolve(Jwt jwt);
}
