package io.streamspace.server.identity.oidc;

import io.streamspace.server.web.Problem;
import io.streamspace.server.web.ProblemResponses;
import io.streamspace.server.web.ProblemTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a refused single sign-on ({@link SignOnRefusedException}) with a 403 problem and leaves
 * every other authentication failure to the platform's entry point (401).
 */
public final class SignOnEntryPoint implements ServerAuthenticationEntryPoint {

  private final ServerAuthenticationEntryPoint delegate;
  private final ProblemResponses problems;

  private SignOnEntryPoint(ServerAuthenticationEntryPoint delegate, ProblemResponses problems) {
    this.delegate = delegate;
    this.problems = problems;
  }

  /** {@code delegate}, answering refused sign-ons with 403 first. */
  public static ServerAuthenticationEntryPoint wrap(
      ServerAuthenticationEntryPoint delegate, ProblemResponses problems) {
    return new SignOnEntryPoint(delegate, problems);
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
    if (failure instanceof SignOnRefusedException refused) {
      return problems.write(
          exchange,
          new Problem(
              ProblemTypes.problem(
                  HttpStatus.FORBIDDEN,
                  ProblemTypes.FORBIDDEN,
                  "Sign-in refused",
                  refused.getMessage()),
              new HttpHeaders()));
    }
    return delegate.commence(exchange, failure);
  }
}
