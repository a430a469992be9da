package io.streamspace.server.query;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.web.ProblemTypes;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The read side refuses with the same problems as the write side: a client tells a 404 from a 403
 * from a 400 by {@code type} and {@code title}, whichever side of the API answered.
 */
class ReadProblemTypesTest extends ReadSideTest {

  private final String org = newId();
  private final Requester alice = requester("alice-" + org, org, Role.USER);
  private final Requester orgAdmin = requester("carol-" + org, org, Role.ORG_ADMIN);
  private final Requester root = requester("root", "platform", Role.SYSTEM_ADMIN);

  @Test
  void aReadNotFoundIsTheWriteSidesNotFound() {
    String unknown = newId();
    // The write side's answer for an unknown session, to compare against.
    expectProblem(
        as(alice).post().uri("/api/v1/sessions/{id}/hibernate", unknown).exchange(),
        HttpStatus.NOT_FOUND,
        ProblemTypes.NOT_FOUND,
        "Not found");

    for (String uri :
        List.of(
            "/api/v1/sessions/" + unknown,
            "/api/v1/sessions/" + unknown + "/events",
            "/api/v1/templates/" + unknown,
            "/api/v1/users/" + unknown,
            "/api/v1/organizations/" + unknown)) {
      expectProblem(
          as(alice).get().uri(uri).exchange(),
          HttpStatus.NOT_FOUND,
          ProblemTypes.NOT_FOUND,
          "Not found");
    }
    expectProblem(
        as(root).post().uri("/api/v1/admin/projections/invoices/replay").exchange(),
        HttpStatus.NOT_FOUND,
        ProblemTypes.NOT_FOUND,
        "Not found");
  }

  @Test
  void aReadForbiddenIsTheWriteSidesForbidden() {
    for (String uri : List.of("/api/v1/users", "/api/v1/audit")) {
      expectProblem(
          as(alice).get().uri(uri).exchange(),
          HttpStatus.FORBIDDEN,
          ProblemTypes.FORBIDDEN,
          "Forbidden");
    }
    for (String uri : List.of("/api/v1/organizations", "/api/v1/admin/projections")) {
      expectProblem(
          as(orgAdmin).get().uri(uri).exchange(),
          HttpStatus.FORBIDDEN,
          ProblemTypes.FORBIDDEN,
          "Forbidden");
    }
  }

  @Test
  void aBadReadParameterIsAnInvalidRequest() {
    for (String uri :
        List.of(
            "/api/v1/sessions?status=asleep",
            "/api/v1/templates?page_size=0",
            "/api/v1/users?page_token=garbage",
            "/api/v1/audit?from=last-tuesday")) {
      expectProblem(
          as(orgAdmin).get().uri(uri).exchange(),
          HttpStatus.BAD_REQUEST,
          ProblemTypes.INVALID_REQUEST,
          "Invalid request");
    }
  }

  private static void expectProblem(
      WebTestClient.ResponseSpec response, HttpStatus status, URI type, String title) {
    response
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentTypeCompatibleWith("application/problem+json")
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo(type.toString())
        .jsonPath("$.title")
        .isEqualTo(title)
        .jsonPath("$.detail")
        .isNotEmpty();
  }
}
