package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.test.StepVerifier;

/** A failure is answered as a problem, unless an answer has already gone out. */
class ProblemAdviceTest {

  private final ProblemAdvice advice =
      new ProblemAdvice(new ProblemMapper(HttpProperties.defaults()));

  @Test
  void aFailureBeforeTheAnswerIsAProblem() {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/things"));

    StepVerifier.create(advice.handle(new IllegalArgumentException("bad"), exchange))
        .assertNext(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST))
        .verifyComplete();
  }

  @Test
  void aFailureAfterTheAnswerWasCommittedIsLeftToWebFluxUnchanged() {
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/things"));
    exchange.getResponse().setStatusCode(HttpStatus.CREATED);
    exchange.getResponse().setComplete().block();
    IOException clientLeft = new IOException("Connection reset by peer");

    StepVerifier.create(advice.handle(clientLeft, exchange))
        .expectErrorSatisfies(failure -> assertThat(failure).isSameAs(clientLeft))
        .verify();
    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }
}
