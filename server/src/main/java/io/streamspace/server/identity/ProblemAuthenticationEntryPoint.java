package io.streamspace.server.identity;

import io.streamspace.server.web.Problem;
import io.streamspace.server.web.ProblemResponses;
import io.streamspace.server.web.ProblemTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a request without a valid token with a 401 problem and the {@code WWW-Authenticate}
 * challenge of RFC 6750. The detail says what to do, not why a token failed (no oracle for
 * forgers).
 */
public class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

  private final ProblemResponses problems;

  public ProblemAuthenticationEntryPoint(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
    boolean disabled = failure instanceof DisabledException;
    boolean badToken = disabled || failure instanceof OAuth2AuthenticationException;
    String detail =
        disabled
            // The token is genuine, so its holder may learn why it no longer opens the API.
            ? "account disabled"
            : failure instanceof ApiKeyAuthentication.InvalidApiKeyException
                ? "the API key is unknown, expired or revoked"
                : badToken
                    ? "the bearer token is invalid or has expired: log in again"
                    : "authentication required: send a bearer token (POST /api/v1/auth/login gives"
                        + " one)";
    HttpHeaders headers = new HttpHeaders();
    headers.set(
        HttpHeaders.WWW_AUTHENTICATE,
        disabled
            ? "Bearer error=\"invalid_token\", error_description=\"account disabled\""
            : badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
    Problem problem =
        new Problem(
            ProblemTypes.problem(
                HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized", detail),
            headers);
    return problems.write(exchange, problem);
  }
}
