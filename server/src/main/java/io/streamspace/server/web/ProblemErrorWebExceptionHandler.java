package io.streamspace.server.web;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The last resort: failures that escape the controllers (in web filters, before routing) are
 * answered as problem+json too, in place of Spring Boot's own error format.
 */
@Order(-2)
public class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

  private final ProblemResponses problems;

  public ProblemErrorWebExceptionHandler(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(failure);
    }
    return problems.write(exchange, failure);
  }
}
