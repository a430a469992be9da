package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.server.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The published OpenAPI describes the API as clients see it: snake_case, bearer tokens, no Caller.
 */
class ApiDescriptionTest extends IntegrationTest {

  @Test
  void theCallerIsNotAParameterClientsSend() {
    String description =
        client
            .get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(description).contains("/api/v1/auth/login", "/api/v1/sessions");
    assertThat(description).doesNotContain("\"name\":\"caller\"", "\"Caller\"", "\"Requester\"");
  }

  @Test
  void bodiesAreDescribedInSnakeCaseAndCallsNeedABearerToken() {
    client
        .get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.components.schemas.TokenResponse.properties.access_token")
        .exists()
        .jsonPath("$.components.schemas.TokenResponse.properties.accessToken")
        .doesNotExist()
        .jsonPath("$.components.securitySchemes.bearer.scheme")
        .isEqualTo("bearer")
        .jsonPath("$.security[0].bearer")
        .exists();
  }
}
