package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every answer carries the security headers; HSTS only when the request came over TLS, directly or
 * as a trusted proxy says, never because a client claims it.
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
    assertThat(headers.getFirst("Strict-Transport-Security")).isNull();
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
    MockServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.get("http://platform/view/1"));
    filter
        .filter(
            exchange,
            ex -> {
              ex.getResponse().getHeaders().set("Content-Security-Policy", "default-src 'none'");
              return Mono.empty();
            })
        .block();
    exchange.getResponse().setComplete().block();

    assertThat(exchange.getResponse().getHeaders().getFirst("Content-Security-Policy"))
        .isEqualTo("default-src 'none'");
  }

  private HttpHeaders answer(MockServerHttpRequest.BaseBuilder<?> request) {
    MockServerWebExchange exchange = MockServerWebExchange.from(request);
    filter.filter(exchange, ex -> Mono.empty()).block();
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
