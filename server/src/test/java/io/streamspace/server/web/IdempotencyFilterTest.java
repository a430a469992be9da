package io.streamspace.server.web;

import static io.streamspace.server.web.PipelineTestSupport.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** A POST with an Idempotency-Key runs once; retries get its first answer and change nothing. */
class IdempotencyFilterTest {

  private static final int MAX_BODY = 4096;
  private static final String BODY = "{\"display_name\": \"First\", \"count\": 1}";

  private final PipelineProbeController probe = new PipelineProbeController();
  private final InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
  private final ProblemMapper problems =
      new ProblemMapper(new HttpProperties(DataSize.ofBytes(MAX_BODY), null, null, null));
  private final JsonMapper json = PipelineTestSupport.apiJson();

  private WebTestClient clientOf(Requester requester) {
    return WebTestClient.bindToController(probe)
        .controllerAdvice(new ProblemAdvice(problems))
        .argumentResolvers(
            r ->
                r.addCustomResolver(
                    new CallerArgumentResolver(new ClientAddressResolver(List.of()))))
        .httpMessageCodecs(PipelineTestSupport.codecs(MAX_BODY))
        .validator(PipelineTestSupport.validator())
        .webFilter(
            new RequestIdFilter(),
            PipelineTestSupport.authenticatedAs(requester),
            new IdempotencyFilter(store, new ProblemResponses(problems, json), MAX_BODY))
        .build();
  }

  private final WebTestClient alice = clientOf(ALICE);

  @Test
  void aRetryGetsTheFirstAnswerVerbatimAndCreatesNothing() {
    EntityExchangeResult<byte[]> first =
        post(alice, "key-1", BODY).expectStatus().isCreated().expectBody().returnResult();

    EntityExchangeResult<byte[]> retry =
        post(alice, "key-1", BODY)
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueEquals(IdempotencyFilter.REPLAYED_HEADER, "true")
            .expectBody()
            .returnResult();

    assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
    assertThat(retry.getResponseHeaders().getLocation())
        .isEqualTo(first.getResponseHeaders().getLocation());
    assertThat(retry.getResponseHeaders().getContentType())
        .isEqualTo(first.getResponseHeaders().getContentType());
    assertThat(first.getResponseHeaders().getFirst(IdempotencyFilter.REPLAYED_HEADER)).isNull();
    assertThat(probe.created).hasSize(1);
  }

  @Test
  void theAnswerIsStoredBeforeItIsSentToTheClient() {
    // Otherwise a client retrying the moment the answer arrives finds the key "in progress".
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    IdempotencyStore recordingStore =
        new IdempotencyStore() {
          @Override
          public Claim claim(String userId, String key, RequestFingerprint request) {
            return store.claim(userId, key, request);
          }

          @Override
          public void complete(String userId, String key, StoredResponse response) {
            events.add("stored");
            store.complete(userId, key, response);
          }

          @Override
          public void release(String userId, String key) {
            store.release(userId, key);
          }

          @Override
          public int deleteExpired() {
            return 0;
          }
        };
    WebFilter recordSending =
        (exchange, chain) ->
            chain.filter(
                exchange
                    .mutate()
                    .response(
                        new ServerHttpResponseDecorator(exchange.getResponse()) {
                          @Override
                          public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                            events.add("sent");
                            return super.writeWith(body);
                          }
                        })
                    .build());
    WebTestClient client =
        WebTestClient.bindToController(probe)
            .controllerAdvice(new ProblemAdvice(problems))
            .argumentResolvers(
                r ->
                    r.addCustomResolver(
                        new CallerArgumentResolver(new ClientAddressResolver(List.of()))))
            .httpMessageCodecs(PipelineTestSupport.codecs(MAX_BODY))
            .validator(PipelineTestSupport.validator())
            .webFilter(
                new RequestIdFilter(),
                PipelineTestSupport.authenticatedAs(ALICE),
                recordSending,
                new IdempotencyFilter(
                    recordingStore, new ProblemResponses(problems, json), MAX_BODY))
            .build();

    post(client, "key-order", BODY).expectStatus().isCreated();

    assertThat(events).containsExactly("stored", "sent");
  }

  @Test
  void theSameKeyWithAnotherBodyIs422AndCreatesNothing() {
    post(alice, "key-2", BODY).expectStatus().isCreated();

    post(alice, "key-2", "{\"display_name\": \"Second\", \"count\": 1}")
        .expectStatus()
        .isEqualTo(422)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Idempotency-Key reused with a different request body");
    assertThat(probe.created).hasSize(1);
  }

  @Test
  void aDuplicateWhileTheFirstStillRunsIs409() {
    store.claim(
        ALICE.userId(),
        "key-3",
        RequestFingerprint.of(
            "POST", "/api/v1/test-probe/things", BODY.getBytes(StandardCharsets.UTF_8)));

    post(alice, "key-3", BODY)
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("request with this Idempotency-Key is in progress");
    assertThat(probe.created).isEmpty();
  }

  @Test
  void aServerFailureIsNotStoredSoTheRetryRunsAgain() {
    for (int attempt = 0; attempt < 2; attempt++) {
      alice
          .post()
          .uri("/api/v1/test-probe/failures/boom")
          .header(IdempotencyFilter.HEADER, "key-4")
          .exchange()
          .expectStatus()
          .isEqualTo(500)
          .expectHeader()
          .doesNotExist(IdempotencyFilter.REPLAYED_HEADER);
    }
    assertThat(probe.failures).containsEntry("boom", 2);
    assertThat(store.entries).isEmpty();
  }

  @Test
  void aRejectedBodyFreesTheKeyForTheCorrectedRequest() {
    post(alice, "key-5", "{\"display_name\": \"\"}").expectStatus().isBadRequest();

    post(alice, "key-5", BODY).expectStatus().isCreated();

    assertThat(probe.created).hasSize(1);
  }

  @Test
  void aDomainAnswerLikeNotFoundIsStoredAndReplayed() {
    alice
        .post()
        .uri("/api/v1/test-probe/failures/aggregate-not-found")
        .header(IdempotencyFilter.HEADER, "key-6")
        .exchange()
        .expectStatus()
        .isNotFound();
    alice
        .post()
        .uri("/api/v1/test-probe/failures/aggregate-not-found")
        .header(IdempotencyFilter.HEADER, "key-6")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .valueEquals(IdempotencyFilter.REPLAYED_HEADER, "true")
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(probe.failures).containsEntry("aggregate-not-found", 1);
  }

  @Test
  void keysBelongToTheirCallerSoTwoPeopleMayPickTheSameOne() {
    WebTestClient bob = clientOf(new Requester("user-bob", "org-1", Role.USER));

    post(alice, "shared-key", BODY).expectStatus().isCreated();
    post(bob, "shared-key", BODY)
        .expectStatus()
        .isCreated()
        .expectHeader()
        .doesNotExist(IdempotencyFilter.REPLAYED_HEADER);

    assertThat(probe.created).hasSize(2);
  }

  @Test
  void anUnusableKeyIsA400() {
    post(alice, "x".repeat(256), BODY)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Idempotency-Key must be 1 to 255 visible ASCII characters");
    assertThat(probe.created).isEmpty();
  }

  @Test
  void anOversizedBodyIsRefusedBeforeAnyKeyIsTaken() {
    post(alice, "key-7", "{\"display_name\": \"" + "x".repeat(MAX_BODY) + "\", \"count\": 1}")
        .expectStatus()
        .isEqualTo(413);
    assertThat(store.entries).isEmpty();
    assertThat(probe.created).isEmpty();
  }

  @Test
  void withoutAKeyEveryPostRuns() {
    alice
        .post()
        .uri("/api/v1/test-probe/things")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(BODY)
        .exchange()
        .expectStatus()
        .isCreated();
    alice
        .post()
        .uri("/api/v1/test-probe/things")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(BODY)
        .exchange()
        .expectStatus()
        .isCreated();

    assertThat(probe.created).hasSize(2);
    assertThat(store.entries).isEmpty();
  }

  private static WebTestClient.ResponseSpec post(WebTestClient client, String key, String body) {
    return client
        .post()
        .uri("/api/v1/test-probe/things")
        .header(IdempotencyFilter.HEADER, key)
        .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
        .bodyValue(body)
        .exchange();
  }
}
