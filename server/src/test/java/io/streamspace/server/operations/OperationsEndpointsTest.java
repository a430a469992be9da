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
        .exists();
  }
}
