package io.streamspace.server.identity;

import io.streamspace.server.web.Problem;
import io.streamspace.server.web.ProblemResponses;
import io.streamspace.server.web.ProblemTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Answers an authenticated request its role does not allow with a 403 problem. */
public class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

  private final ProblemResponses problems;

  public ProblemAccessDeniedHandler(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
    return problems.write(
        exchange,
        new Problem(
            ProblemTypes.problem(
                HttpStatus.FORBIDDEN,
                ProblemTypes.FORBIDDEN,
                "Forbidden",
                "your role does not allow this request"),
            new HttpHeaders()));
  }
}
