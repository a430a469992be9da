package io.streamspace.server.operations;

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
}
