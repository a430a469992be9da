package io.streamspace.server.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers every failure of a controller (and unknown routes and wrong methods, which WebFlux
 * reports through the same advice) as problem+json. Lowest precedence, so a feature's own advice
 * for its own exceptions wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemAdvice {

  private final ProblemMapper mapper;

  public ProblemAdvice(ProblemMapper mapper) {
    this.mapper = mapper;
  }

  @ExceptionHandler(Throwable.class)
  public Mono<ResponseEntity<ProblemDetail>> handle(Throwable failure, ServerWebExchange exchange) {
    if (exchange.getResponse().isCommitted()) {
      // The answer is already on its way (typically the client left while it was written): a
      // second one cannot be sent, and trying would only fail on the read-only headers and hide
      // the original failure from WebFlux, which knows a disconnected client is no server fault.
      return Mono.error(failure);
    }
    Problem problem = mapper.toProblem(failure, exchange);
    return Mono.just(
        ResponseEntity.status(problem.status())
            .headers(problem.headers())
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(problem.body()));
  }
}
