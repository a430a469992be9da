package io.streamspace.server.web;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes problems straight onto a response, for the places that answer outside a controller: the
 * security filters, the Idempotency-Key filter and the last-resort error handler.
 */
public class ProblemResponses {

  private final ProblemMapper mapper;
  private final JsonMapper json;

  public ProblemResponses(ProblemMapper mapper, JsonMapper json) {
    this.mapper = mapper;
    this.json = json;
  }

  /** Answers {@code failure} as a problem, unless the response has already begun. */
  public Mono<Void> write(ServerWebExchange exchange, Throwable failure) {
    return write(exchange, mapper.toProblem(failure, exchange));
  }

  /** Answers with {@code problem}, unless the response has already begun. */
  public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    if (problem.body().getInstance() == null) {
      problem.body().setInstance(java.net.URI.create(exchange.getRequest().getPath().value()));
    }
    if (problem.body().getProperties() == null
        || !problem.body().getProperties().containsKey("request_id")) {
      problem.body().setProperty("request_id", RequestIdFilter.requestId(exchange));
    }
    byte[] bytes = json.writeValueAsBytes(problem.body());
    response.setStatusCode(problem.status());
    response.getHeaders().addAll(problem.headers());
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    response.getHeaders().setContentLength(bytes.length);
    DataBuffer buffer = response.bufferFactory().wrap(bytes);
    return response.writeWith(Mono.just(buffer));
  }
}
