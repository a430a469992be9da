package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * CORS lets the configured UI origins call the API (preflights included, with the headers the API
 * reads and the ones clients need to see) and refuses every other origin; without configured
 * origins nothing changes: same origin only.
 */
class ApiCorsFilterTest {

  private static final String UI = "https://ui.example.com";
  private static final String API = "http://platform.example.com/api/v1/sessions";

  private boolean passedOn;

  @Test
  void aPreflightFromTheUiOriginIsAnsweredWithWhatTheApiAccepts() {
    MockServerWebExchange exchange =
        run(
            List.of(UI),
            MockServerHttpRequest.options(API)
                .header(HttpHeaders.ORIGIN, UI)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, x-api-key"));

    HttpHeaders headers = exchange.getResponse().getHeaders();
    assertThat(exchange.getResponse().getStatusCode()).isNotEqualTo(HttpStatus.FORBIDDEN);
    assertThat(passedOn).as("a preflight is answered here, never by the API").isFalse();
    assertThat(headers.getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(UI);
    assertThat(headers.getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS).toLowerCase())
        .contains("authorization", "x-api-key");
    assertThat(headers.getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS)).contains("POST");
    assertThat(headers.getFirst(HttpHeaders.ACCESS_CONTROL_MAX_AGE)).isEqualTo("600");
    assertThat(headers.getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)).isNull();
  }

  @Test
  void aRequestFromTheUiOriginMayReadTheAnswerAndItsHeaders() {
    MockServerWebExchange exchange =
        run(List.of(UI), MockServerHttpRequest.get(API).header(HttpHeaders.ORIGIN, UI));

    HttpHeaders headers = exchange.getResponse().getHeaders();
    assertThat(passedOn).isTrue();
    assertThat(headers.getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo(UI);
    assertThat(headers.getFirst(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS))
        .contains("Location", "Retry-After", "X-Request-Id");
  }

  @Test
  void aPreflightFromAnyOtherOriginIsRefused() {
    MockServerWebExchange exchange =
        run(
            List.of(UI),
            MockServerHttpRequest.options(API)
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "DELETE"));

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(
            exchange.getResponse().getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN))
        .isNull();
    assertThat(passedOn).isFalse();
  }

  @Test
  void aRequestFromAnyOtherOriginIsRefused() {
    MockServerWebExchange exchange =
        run(
            List.of(UI),
            MockServerHttpRequest.get(API).header(HttpHeaders.ORIGIN, "https://evil.example"));

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(passedOn).isFalse();
  }

  @Test
  void aSameOriginRequestPassesUntouched() {
    MockServerWebExchange exchange =
        run(
            List.of(UI),
            MockServerHttpRequest.get(API)
                .header(HttpHeaders.ORIGIN, "http://platform.example.com"));

    assertThat(passedOn).isTrue();
    assertThat(
            exchange.getResponse().getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN))
        .isNull();
  }

  @Test
  void withoutConfiguredOriginsThereIsNoCorsAtAll() {
    MockServerWebExchange exchange =
        run(List.of(), MockServerHttpRequest.get(API).header(HttpHeaders.ORIGIN, UI));

    assertThat(passedOn).isTrue();
    assertThat(
            exchange.getResponse().getHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN))
        .isNull();
  }

  @Test
  void aWildcardOriginIsNotAccepted() {
    assertThatThrownBy(() -> new CorsProperties(List.of("*"), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private MockServerWebExchange run(
      List<String> origins, MockServerHttpRequest.BaseBuilder<?> request) {
    MockServerWebExchange exchange = MockServerWebExchange.from(request);
    new ApiCorsFilter(new CorsProperties(origins, Duration.ofMinutes(10)))
        .filter(
            exchange,
            passed -> {
              passedOn = true;
              return Mono.empty();
            })
        .block();
    return exchange;
  }
}
