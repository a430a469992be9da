package io.streamspace.server.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

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
  public ResponseEntity<ProblemDetail> handle(Throwable failure, ServerWebExchange exchange) {
    Problem problem = mapper.toProblem(failure, exchange);
    return ResponseEntity.status(problem.status())
        .headers(problem.headers())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem.body());
  }
}
