package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Idempotency-Key on the running server with its PostgreSQL store: a retry returns the first answer
 * and stores nothing new, a different body is refused, a concurrent duplicate waits its turn, and
 * keys expire.
 */
class IdempotencyKeyTest extends IntegrationTest {

  private static final String BODY = "{\"display_name\": \"once\", \"count\": 1}";

  @Autowired PipelineProbeController probe;
  @Autowired DataSource dataSource;

  private final String userId = UUID.randomUUID().toString();

  @Test
  void aRetryReturnsTheFirstAnswerAndStoresNothingNew() {
    String key = UUID.randomUUID().toString();

    EntityExchangeResult<byte[]> first =
        post(key, BODY).expectStatus().isCreated().expectBody().returnResult();
    EntityExchangeResult<byte[]> retry =
        post(key, BODY)
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueEquals(IdempotencyFilter.REPLAYED_HEADER, "true")
            .expectBody()
            .returnResult();

    assertThat(new String(retry.getResponseBody())).isEqualTo(new String(first.getResponseBody()));
    assertThat(retry.getResponseHeaders().getLocation())
        .isEqualTo(first.getResponseHeaders().getLocation());
    assertThat(createdBy(userId)).hasSize(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from idempotency_key where user_id = ? and idempotency_key = ?",
                Integer.class,
                userId,
                key))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select state from idempotency_key where user_id = ? and idempotency_key = ?",
                String.class,
                userId,
                key))
        .isEqualTo("completed");
  }

  @Test
  void theSameKeyWithADifferentBodyIs422AndCreatesNothing() {
    String key = UUID.randomUUID().toString();
    post(key, BODY).expectStatus().isCreated();

    post(key, "{\"display_name\": \"twice\", \"count\": 1}")
        .expectStatus()
        .isEqualTo(422)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Idempotency-Key reused with a different request body");

    assertThat(createdBy(userId)).hasSize(1);
  }

  @Test
  void theSameKeyOnAnotherPathIs422SayingTheRequestDiffers() {
    String key = UUID.randomUUID().toString();
    post(key, BODY).expectStatus().isCreated();

    client
        .post()
        .uri("/api/v1/test-probe/failures/conflict")
        .headers(h -> h.setBearerAuth(token()))
        .header(IdempotencyFilter.HEADER, key)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(BODY)
        .exchange()
        .expectStatus()
        .isEqualTo(422)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Idempotency-Key reused for a different request (method/path)");

    assertThat(probe.failures).doesNotContainKey("conflict");
  }

  @Test
  void twoConcurrentRequestsWithOneKeyRunOnce() {
    String key = UUID.randomUUID().toString();
    CompletableFuture<Integer> slow =
        CompletableFuture.supplyAsync(() -> status(key, "/api/v1/test-probe/things?delay_ms=1500"));
    sleep(Duration.ofMillis(500));
    int duplicate = status(key, "/api/v1/test-probe/things?delay_ms=1500");

    assertThat(Set.of(slow.join(), duplicate)).containsExactlyInAnyOrder(201, 409);
    assertThat(duplicate).isEqualTo(409);
    assertThat(createdBy(userId)).hasSize(1);
  }

  @Test
  void malformedAndOversizedBodiesAreRefusedAndStoreNothing() {
    String key = UUID.randomUUID().toString();

    post(key, "{\"display_name\": ").expectStatus().isBadRequest();
    post(key, "{\"display_name\": \"" + "x".repeat(300 * 1024) + "\", \"count\": 1}")
        .expectStatus()
        .isEqualTo(413)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("the request body is larger than the limit of 256KB");

    assertThat(createdBy(userId)).isEmpty();
    assertThat(
            jdbc.queryForObject(
                "select count(*) from idempotency_key where user_id = ?", Integer.class, userId))
        .isZero();
  }

  @Test
  void anOversizedBodyWithoutAKeyIsA413Too() {
    client
        .post()
        .uri("/api/v1/test-probe/things")
        .headers(h -> h.setBearerAuth(token()))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"display_name\": \"" + "x".repeat(300 * 1024) + "\", \"count\": 1}")
        .exchange()
        .expectStatus()
        .isEqualTo(413)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:streamspace:problem:body-too-large");
    assertThat(createdBy(userId)).isEmpty();
  }

  @Test
  void keysExpireAfterTheirTimeToLiveAndAnAbandonedClaimIsTakenOver() {
    Instant start = Instant.parse("2030-01-01T00:00:00Z");
    RequestFingerprint request = RequestFingerprint.of("POST", "/x", new byte[] {1});
    String key = UUID.randomUUID().toString();
    JdbcIdempotencyStore atStart = storeAt(start);

    assertThat(atStart.claim(userId, key, request))
        .isInstanceOf(IdempotencyStore.Claim.Acquired.class);
    assertThat(atStart.claim(userId, key, request))
        .isInstanceOf(IdempotencyStore.Claim.InProgress.class);
    assertThat(storeAt(start.plus(Duration.ofMinutes(3))).claim(userId, key, request))
        .as("the first holder stopped renewing its lease")
        .isInstanceOf(IdempotencyStore.Claim.Acquired.class);

    storeAt(start.plus(Duration.ofMinutes(3)))
        .complete(userId, key, new StoredResponse(201, null, null, null));
    assertThat(storeAt(start.plus(Duration.ofHours(23))).claim(userId, key, request))
        .isInstanceOf(IdempotencyStore.Claim.Replay.class);
    assertThat(storeAt(start.plus(Duration.ofHours(25))).deleteExpired()).isGreaterThanOrEqualTo(1);
    assertThat(storeAt(start.plus(Duration.ofHours(25))).claim(userId, key, request))
        .as("after 24 hours the key is new again")
        .isInstanceOf(IdempotencyStore.Claim.Acquired.class);
  }

  private JdbcIdempotencyStore storeAt(Instant instant) {
    return new JdbcIdempotencyStore(
        dataSource,
        Clock.fixed(instant, ZoneOffset.UTC),
        Duration.ofHours(24),
        Duration.ofMinutes(2));
  }

  private List<PipelineProbeController.Thing> createdBy(String actor) {
    return probe.created.values().stream()
        .filter(thing -> thing.actorId().equals(actor))
        .collect(Collectors.toList());
  }

  private int status(String key, String uri) {
    return client
        .post()
        .uri(uri)
        .headers(h -> h.setBearerAuth(token()))
        .header(IdempotencyFilter.HEADER, key)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(BODY)
        .exchange()
        .returnResult(byte[].class)
        .getStatus()
        .value();
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(
      String key, String body) {
    return client
        .post()
        .uri("/api/v1/test-probe/things")
        .headers(h -> h.setBearerAuth(token()))
        .header(IdempotencyFilter.HEADER, key)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private String token() {
    return tokenFor(new Requester(userId, "org-idempotency", Role.USER));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
