package io.streamspace.server.web;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The running server puts the security headers on its answers, refusals included, keeps them out of
 * caches, sends no HSTS over plain HTTP whatever the client claims, and (no UI origin configured)
 * no CORS headers.
 */
class SecurityHeadersApiTest extends IntegrationTest {

  @Test
  void anApiAnswerCarriesTheSecurityHeaders() {
    String token = tokenFor(new Requester("headers-" + newId(), newId(), Role.USER));
    expectSecurityHeaders(
        client
            .get()
            .uri("/api/v1/sessions")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
            .exchange()
            .expectStatus()
            .isOk());
  }

  @Test
  void aRefusalCarriesThemToo() {
    expectSecurityHeaders(
        client.get().uri("/api/v1/sessions").exchange().expectStatus().isUnauthorized());
  }

  @Test
  void plainHttpGetsNoHstsEvenWhenTheClientClaimsHttps() {
    client
        .get()
        .uri("/actuator/health")
        .header("X-Forwarded-Proto", "https")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .doesNotExist("Strict-Transport-Security");
  }

  @Test
  void anotherOriginGetsNoCorsHeaders() {
    client
        .get()
        .uri("/actuator/health")
        .header(HttpHeaders.ORIGIN, "https://evil.example")
        .exchange()
        .expectHeader()
        .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    client
        .options()
        .uri("/api/v1/sessions")
        .header(HttpHeaders.ORIGIN, "https://evil.example")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .exchange()
        .expectHeader()
        .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
  }

  private static void expectSecurityHeaders(WebTestClient.ResponseSpec response) {
    response
        .expectHeader()
        .value(
            "Content-Security-Policy",
            policy ->
                org.assertj.core.api.Assertions.assertThat(policy)
                    .contains("default-src 'self'", "frame-ancestors 'none'"))
        .expectHeader()
        .valueEquals("X-Content-Type-Options", "nosniff")
        .expectHeader()
        .valueEquals("X-Frame-Options", "DENY")
        .expectHeader()
        .valueEquals("Referrer-Policy", "no-referrer")
        .expectHeader()
        .valueEquals("X-XSS-Protection", "0")
        .expectHeader()
        .valueEquals("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")
        .expectHeader()
        .valueEquals("Pragma", "no-cache")
        .expectHeader()
        .valueEquals("Expires", "0")
        .expectHeader()
        .doesNotExist("Strict-Transport-Security");
  }
}
