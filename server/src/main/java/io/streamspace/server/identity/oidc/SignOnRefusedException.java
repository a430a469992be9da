package io.streamspace.server.identity.oidc;

import org.springframework.security.core.AuthenticationException;

/**
 * A person the provider vouches for may not sign in here (their organization does not exist).
 * Answered 403, not 401: the token is genuine, and a new one would not change the answer.
 */
public class SignOnRefusedException extends AuthenticationException {

  private final String reason;

  SignOnRefusedException(String reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  /** The machine code of the refusal, as {@code /login?error=} and the audit log carry it. */
  public String reason() {
    return reason;
  }
}
