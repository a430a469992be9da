package io.streamspace.server.identity;

import io.streamspace.events.common.Requester;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An authenticated request: its principal is the {@link Requester} every command carries, its
 * authority the requester's role ({@code ROLE_USER}, {@code ROLE_ORG_ADMIN}, {@code
 * ROLE_SYSTEM_ADMIN}) for URL rules.
 */
public class RequesterAuthentication extends AbstractAuthenticationToken {

  private final Requester requester;
  private final Jwt token;

  public RequesterAuthentication(Requester requester, Jwt token) {
    super(List.of(new SimpleGrantedAuthority("ROLE_" + requester.role().name())));
    this.requester = requester;
    this.token = token;
    setAuthenticated(true);
  }

  @Override
  public Requester getPrincipal() {
    return requester;
  }

  @Override
  public Jwt getCredentials() {
    return token;
  }

  @Override
  public String getName() {
    return requester.userId();
  }
}
