package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import reactor.test.StepVerifier;

/** Failures outside any controller (in web filters) are problems too, never Boot's own format. */
class ProblemErrorWebExceptionHandlerTest {

  private final ProblemErrorWebExceptionHandler handler =
      new ProblemErrorWebExceptionHandler(
          new ProblemResponses(
              new ProblemMapper(new HttpProperties(DataSize.ofMegabytes(1), null, null, null)),
              PipelineTestSupport.apiJson()));

  @Test
  void aFailureInAFilterIsA500ProblemWithTheRequestId() {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/sessions"));
    exchange.getAttributes().put(RequestIdFilter.ATTRIBUTE, "req-7");

    StepVerifier.create(handler.handle(exchange, new IllegalStateException("connection refused")))
        .verifyComplete();

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(exchange.getResponse().getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    StepVerifier.create(exchange.getResponse().getBodyAsString())
        .assertNext(
            body ->
                assertThat(body)
                    .contains(
                        "\"status\":500",
                        "\"request_id\":\"req-7\"",
                        "\"instance\":\"/api/v1/sessions\"")
                    .doesNotContain("connection refused"))
        .verifyComplete();
  }

  @Test
  void anOversizedBodyReadByAFilterIsA413NamingTheLimit() {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/templates"));

    StepVerifier.create(
            handler.handle(
                exchange, new org.springframework.core.io.buffer.DataBufferLimitException("limit")))
        .verifyComplete();

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    StepVerifier.create(exchange.getResponse().getBodyAsString())
        .assertNext(body -> assertThat(body).contains("the limit of 1MB"))
        .verifyComplete();
  }

  @Test
  void aResponseAlreadyOnItsWayIsLeftAlone() {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/sessions"));
    exchange.getResponse().setComplete().block();
    IllegalStateException late = new IllegalStateException("late");

    StepVerifier.create(handler.handle(exchange, late)).verifyErrorMatches(late::equals);
  }
}
