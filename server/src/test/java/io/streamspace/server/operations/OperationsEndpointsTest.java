package io.streamspace.server.operations;

import io.streamspace.events.common.Requester;
import io.streamspace.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** What a system admin's tooling reads: health with database readiness, metrics and OpenAPI. */
class OperationsEndpointsTest extends IntegrationTest {

  @Test
  void readinessReportsTheDatabase() {
    client
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.db.status")
        .isEqualTo("UP");
  }

  @Test
  void prometheusExposesAxonAndJvmMetrics() {
    client
        .get()
        .uri("/actuator/prometheus")
        .headers(h -> h.setBearerAuth(tokenFor(Requester.system("default"))))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            body ->
                org.assertj.core.api.Assertions.assertThat(body)
                    .contains("jvm_memory_used_bytes")
                    .contains("eventProcessor_latency")
                    .contains("hikaricp_connections"));
  }

  @Test
  void openApiDescribesTheApi() {
    client
        .get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.openapi")
        .exists()
        .jsonPath("$.paths['/api/v1/sessions'].post")
        .exists()
        .jsonPath("$.paths['/api/v1/sessions/{id}/events'].get")
        .exists()
        .jsonPath("$.components.security_schemes.bearer")
        .doesNotExist()
        .jsonPath("$.components.securitySchemes.bearer.scheme")
        .isEqualTo("bearer")
        // The caller comes from the token, never from a request parameter.
        .jsonPath("$.paths['/api/v1/sessions'].get.parameters[?(@.name == 'caller')]")
        .isEmpty();
  }
}
