package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every answer carries the security headers, and is not cached unless it says how it may be; HSTS
 * only when the request came over TLS, directly or as a trusted proxy says, never because a client
 * claims it.
 */
class SecurityHeadersFilterTest {

  private final SecurityHeadersFilter filter =
      new SecurityHeadersFilter(
          SecurityHeadersProperties.defaults(), new ClientAddressResolver(List.of("10.0.0.0/8")));

  @Test
  void everyAnswerCarriesThePolicyNoSniffNoFramingAndAReferrerPolicy() {
    HttpHeaders headers = answer(MockServerHttpRequest.get("http://platform/api/v1/sessions"));

    assertThat(headers.getFirst("Content-Security-Policy"))
        .contains("default-src 'self'")
        .contains("connect-src 'self' ws: wss:")
        .contains("frame-ancestors 'none'")
        .contains("object-src 'none'");
    assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
    assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(headers.getFirst("X-XSS-Protection")).isEqualTo("0");
    assertThat(headers.getFirst("Strict-Transport-Security")).isNull();
  }

  @Test
  void anAnswerThatSaysNothingOfCachingIsNotCached() {
    HttpHeaders headers = answer(MockServerHttpRequest.get("http://platform/api/v1/sessions"));

    assertThat(headers.getFirst("Cache-Control"))
        .isEqualTo("no-cache, no-store, max-age=0, must-revalidate");
    assertThat(headers.getFirst("Pragma")).isEqualTo("no-cache");
    assertThat(headers.getFirst("Expires")).isEqualTo("0");
  }

  @Test
  void anAnswerThatSaysHowItMayBeCachedKeepsItsWord() {
    HttpHeaders headers =
        answer(
            MockServerHttpRequest.get("http://platform/assets/app.js"),
            response ->
                response.getHeaders().setCacheControl("max-age=31536000, public, immutable"));

    assertThat(headers.getFirst("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
    assertThat(headers.containsHeader("Pragma")).isFalse();
    assertThat(headers.containsHeader("Expires")).isFalse();
  }

  @Test
  void aNotModifiedAnswerGetsNoCachingHeaders() {
    HttpHeaders headers =
        answer(
            MockServerHttpRequest.get("http://platform/index.html"),
            response -> response.setStatusCode(HttpStatus.NOT_MODIFIED));

    assertThat(headers.containsHeader("Cache-Control")).isFalse();
    assertThat(headers.containsHeader("Pragma")).isFalse();
    assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void aRequestOverTlsGetsHsts() {
    HttpHeaders headers =
        answer(MockServerHttpRequest.get("https://platform/api/v1/sessions").sslInfo(tls()));

    assertThat(headers.getFirst("Strict-Transport-Security"))
        .isEqualTo("max-age=31536000; includeSubDomains");
  }

  @Test
  void aTrustedProxySayingHttpsGetsHsts() {
    HttpHeaders headers =
        answer(
            MockServerHttpRequest.get("http://platform/api/v1/sessions")
                .remoteAddress(new InetSocketAddress("10.1.2.3", 40000))
                .header("X-Forwarded-Proto", "https"));

    assertThat(headers.getFirst("Strict-Transport-Security")).startsWith("max-age=");
  }

  @Test
  void aClientSayingHttpsItselfGetsNone() {
    HttpHeaders headers =
        answer(
            MockServerHttpRequest.get("http://platform/api/v1/sessions")
                .remoteAddress(new InetSocketAddress("203.0.113.9", 40000))
                .header("X-Forwarded-Proto", "https"));

    assertThat(headers.getFirst("Strict-Transport-Security")).isNull();
  }

  @Test
  void aTrustedProxyForwardingPlainHttpGetsNone() {
    HttpHeaders headers =
        answer(
            MockServerHttpRequest.get("http://platform/api/v1/sessions")
                .remoteAddress(new InetSocketAddress("10.1.2.3", 40000))
                .header("X-Forwarded-Proto", "http"));

    assertThat(headers.getFirst("Strict-Transport-Security")).isNull();
  }

  @Test
  void aPolicyAControllerSetItselfIsKept() {
    HttpHeaders headers =
        answer(
            MockServerHttpRequest.get("http://platform/view/1"),
            response -> response.getHeaders().set("Content-Security-Policy", "default-src 'none'"));

    assertThat(headers.getFirst("Content-Security-Policy")).isEqualTo("default-src 'none'");
  }

  private HttpHeaders answer(MockServerHttpRequest.BaseBuilder<?> request) {
    return answer(request, response -> {});
  }

  /** The headers of the answer to {@code request}, which {@code controller} wrote to first. */
  private HttpHeaders answer(
      MockServerHttpRequest.BaseBuilder<?> request, Consumer<ServerHttpResponse> controller) {
    MockServerWebExchange exchange = MockServerWebExchange.from(request);
    filter
        .filter(
            exchange,
            ex -> {
              controller.accept(ex.getResponse());
              return Mono.empty();
            })
        .block();
    exchange.getResponse().setComplete().block();
    return exchange.getResponse().getHeaders();
  }

  private static SslInfo tls() {
    return new SslInfo() {
      @Override
      public String getSessionId() {
        return "test";
      }

      @Override
      public X509Certificate[] getPeerCertificates() {
        return new X509Certificate[0];
      }
    };
  }
}
