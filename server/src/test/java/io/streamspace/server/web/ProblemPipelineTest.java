package io.streamspace.server.web;

import static io.streamspace.server.web.PipelineTestSupport.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;

/**
 * Bad input is a 4xx problem with a detail a person can act on, never a 500, and creates nothing; a
 * server fault is a 500 problem that leaks nothing.
 */
class ProblemPipelineTest {

  private static final int MAX_BODY = 1024;

  private final PipelineProbeController probe = new PipelineProbeController();
  private final HttpProperties properties =
      new HttpProperties(DataSize.ofBytes(MAX_BODY), null, null, null);
  private final WebTestClient client =
      WebTestClient.bindToController(probe)
          .controllerAdvice(new ProblemAdvice(new ProblemMapper(properties)))
          .argumentResolvers(
              resolvers ->
                  resolvers.addCustomResolver(
                      new CallerArgumentResolver(new ClientAddressResolver(java.util.List.of()))))
          .httpMessageCodecs(PipelineTestSupport.codecs(MAX_BODY))
          .validator(PipelineTestSupport.validator())
          .webFilter(new RequestIdFilter(), PipelineTestSupport.authenticatedAs(ALICE))
          .build();

  @Test
  void malformedJsonIsA400SayingWhere() {
    post("{\"display_name\": \"x\", \"count\": }")
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:streamspace:problem:invalid-request")
        .jsonPath("$.title")
        .isEqualTo("Invalid request")
        .jsonPath("$.status")
        .isEqualTo(400)
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).startsWith("malformed JSON at line 1, column"))
        .jsonPath("$.instance")
        .isEqualTo("/api/v1/test-probe/things")
        .jsonPath("$.request_id")
        .isNotEmpty();
    assertThat(probe.created).isEmpty();
  }

  @Test
  void aWrongTypeNamesTheFieldAsTheClientWroteIt() {
    post("{\"display_name\": \"x\", \"count\": \"many\"}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("field 'count' has the wrong type: expected an integer");
    assertThat(probe.created).isEmpty();
  }

  @Test
  void malformedJsonSaysWhereAndNothingOfTheParsersInternals() {
    post("{\"display_name\": \"x\",\n \"count\": }")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("malformed JSON at line 2, column 11");
  }

  @Test
  void aNumberTooLargeForItsFieldIsOutOfRangeNotMalformed() {
    post("{\"display_name\": \"x\", \"count\": 99999999999}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("field 'count' is out of range");
    assertThat(probe.created).isEmpty();
  }

  @Test
  void aValueOutsideAnEnumListsTheAllowedValues() {
    post("{\"display_name\": \"x\", \"count\": 1, \"role\": \"boss\"}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("field 'role' must be one of: user, org_admin, system_admin");
  }

  @Test
  void aNumberIsNotTakenForAString() {
    post("{\"display_name\": 123, \"count\": 1}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("field 'display_name' has the wrong type: expected a string");
    assertThat(probe.created).isEmpty();
  }

  @Test
  void aFractionIsNotTruncatedToAnInteger() {
    post("{\"display_name\": \"x\", \"count\": 1, \"resources\": {\"cpu_millis\": 1.5, \"memory_mb\": 1}}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("field 'resources.cpu_millis' has the wrong type: expected an integer");
    assertThat(probe.created).isEmpty();
  }

  @Test
  void aNumberIsNotTakenForTrueOrFalse() {
    post("{\"display_name\": \"x\", \"count\": 1, \"visible\": 1}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("field 'visible' has the wrong type: expected true or false");
  }

  @Test
  void anUnknownFieldIsRefusedNotDropped() {
    post("{\"display_name\": \"x\", \"count\": 1, \"resource\": {\"cpu_millis\": 500}}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("unknown field 'resource'");
    assertThat(probe.created).isEmpty();
  }

  @Test
  void aNestedWrongTypeNamesTheWholePath() {
    post("{\"display_name\": \"x\", \"count\": 1, \"resources\": {\"cpu_millis\": [1]}}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("field 'resources.cpu_millis' has the wrong type: expected an integer");
  }

  @Test
  void missingFieldsAreListedOneByOneInSnakeCase() {
    post("{}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:streamspace:problem:validation")
        .jsonPath("$.errors.length()")
        .isEqualTo(2)
        .jsonPath("$.errors[?(@.field == 'display_name')].message")
        .isEqualTo("must not be blank")
        .jsonPath("$.errors[?(@.field == 'count')].message")
        .isEqualTo("must not be null")
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("display_name", "count"));
    assertThat(probe.created).isEmpty();
  }

  @Test
  void aValueTheDomainRejectsIsA400WithTheDomainsReason() {
    post("{\"display_name\": \"x\", \"count\": 1, \"resources\": {\"cpu_millis\": -5, \"memory_mb\": 1}}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("invalid value for 'resources': resources cannot be negative");
    assertThat(probe.created).isEmpty();
  }

  @Test
  void aBodyThatIsNotAnObjectIsA400() {
    post("[1, 2]")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("the request body must be an object");
  }

  @Test
  void aMissingBodyIsA400() {
    client
        .post()
        .uri("/api/v1/test-probe/things")
        .contentType(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("a request body is required");
  }

  @Test
  void anOversizedBodyIsA413NamingTheLimit() {
    post("{\"display_name\": \"" + "x".repeat(2 * MAX_BODY) + "\", \"count\": 1}")
        .expectStatus()
        .isEqualTo(413)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:streamspace:problem:body-too-large")
        .jsonPath("$.detail")
        .isEqualTo("the request body is larger than the limit of 1KB");
    assertThat(probe.created).isEmpty();
  }

  @Test
  void aBodyThatIsNotJsonIsA415() {
    client
        .post()
        .uri("/api/v1/test-probe/things")
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue("display_name=x")
        .exchange()
        .expectStatus()
        .isEqualTo(415)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void aQueryParameterOfTheWrongTypeIsA400NamingIt() {
    client
        .get()
        .uri("/api/v1/test-probe/things?page_size=lots")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("parameter 'page_size' has an invalid value 'lots'");
  }

  @Test
  void aQueryParameterOutOfRangeIsAValidationProblem() {
    client
        .get()
        .uri("/api/v1/test-probe/things?page_size=1000")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("page_size");
  }

  @Test
  void anUnknownRouteIsA404Problem() {
    client
        .get()
        .uri("/api/v1/no-such-thing")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("no resource at /api/v1/no-such-thing");
  }

  @Test
  void aWrongMethodIsA405ProblemThatSaysWhichAreAllowed() {
    client
        .delete()
        .uri("/api/v1/test-probe/things")
        .exchange()
        .expectStatus()
        .isEqualTo(405)
        .expectHeader()
        .value(HttpHeaders.ALLOW, allow -> assertThat(allow).contains("POST", "GET"))
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void anUnexpectedFailureIsA500ThatLeaksNothingButTheRequestId() {
    client
        .post()
        .uri("/api/v1/test-probe/failures/boom")
        .header(RequestIdFilter.HEADER, "req-42")
        .exchange()
        .expectStatus()
        .isEqualTo(500)
        .expectHeader()
        .valueEquals(RequestIdFilter.HEADER, "req-42")
        .expectBody(String.class)
        .value(
            body ->
                assertThat(body)
                    .contains("quote request id req-42")
                    .doesNotContain("hunter2", "jdbc", "IllegalStateException", "at io."));
  }

  @Test
  void axonsMissingAggregateIsA404AndALostRaceA409ToRetry() {
    client
        .post()
        .uri("/api/v1/test-probe/failures/aggregate-not-found")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("the resource does not exist");
    client
        .post()
        .uri("/api/v1/test-probe/failures/concurrency")
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("the resource changed concurrently, retry");
  }

  @Test
  void theCommandSidesRefusalsKeepTheirWordsAndGetTheirStatus() {
    expectDomainProblem("not-found", 404, "not-found", "session s-1 not found");
    expectDomainProblem("conflict", 409, "conflict", "session s-1 is stopped and cannot hibernate");
    expectDomainProblem("domain-forbidden", 403, "forbidden", "only an admin may do this");
    expectDomainProblem(
        "invalid", 400, "invalid-request", "a template needs an image or a command");
    client
        .post()
        .uri("/api/v1/test-probe/failures/quota")
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:streamspace:problem:quota-exceeded")
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("runs 1 of 1 sessions"));
  }

  private void expectDomainProblem(String kind, int status, String type, String detail) {
    client
        .post()
        .uri("/api/v1/test-probe/failures/" + kind)
        .exchange()
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:streamspace:problem:" + type)
        .jsonPath("$.detail")
        .isEqualTo(detail);
  }

  @Test
  void aResponseStatusKeepsItsStatusButAServerOneSaysNothingInternal() {
    client
        .post()
        .uri("/api/v1/test-probe/failures/forbidden")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    client
        .post()
        .uri("/api/v1/test-probe/failures/unavailable")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("the server cannot answer this request now");
  }

  @Test
  void aGoodRequestReachesTheControllerWithItsCallerInSnakeCaseJson() {
    client
        .post()
        .uri("/api/v1/test-probe/things")
        .contentType(MediaType.APPLICATION_JSON)
        .header(RequestIdFilter.HEADER, "client-chosen-id")
        .header(HttpHeaders.USER_AGENT, "probe/1.0")
        .bodyValue(Map.of("display_name", "First", "count", 2))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectHeader()
        .valueEquals(RequestIdFilter.HEADER, "client-chosen-id")
        .expectBody()
        .jsonPath("$.display_name")
        .isEqualTo("First")
        .jsonPath("$.actor_id")
        .isEqualTo("user-alice")
        .jsonPath("$.organization_id")
        .isEqualTo("org-1")
        .jsonPath("$.request_id")
        .isEqualTo("client-chosen-id")
        .jsonPath("$.user_agent")
        .isEqualTo("probe/1.0")
        .jsonPath("$.created_at")
        .isEqualTo("2026-01-02T03:04:05Z");
    assertThat(probe.created).hasSize(1);
  }

  @Test
  void aRequestIdThatCouldForgeLogLinesIsReplaced() {
    client
        .post()
        .uri("/api/v1/test-probe/things")
        .contentType(MediaType.APPLICATION_JSON)
        .header(RequestIdFilter.HEADER, "abc def\tinjected")
        .bodyValue(Map.of("display_name", "First", "count", 2))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectHeader()
        .value(RequestIdFilter.HEADER, id -> assertThat(id).doesNotContain(" ").hasSize(36));
  }

  private WebTestClient.ResponseSpec post(String json) {
    return client
        .post()
        .uri("/api/v1/test-probe/things")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange();
  }
}
