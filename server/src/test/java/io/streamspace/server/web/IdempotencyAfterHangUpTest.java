package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.Quota;
import io.streamspace.server.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * A client that hangs up and retries with the same Idempotency-Key gets one session, never two: the
 * command it started runs to its end, and its answer is kept for the retry.
 */
class IdempotencyAfterHangUpTest extends IntegrationTest {

  @Value("${local.server.port}")
  int port;

  @Test
  void aRetryAfterAHangUpNeverCreatesASecondSession() {
    Tenant tenant = newTenant(new Quota(100, 1_000_000, 1_000_000), new Resources(10, 16));
    String org = tenant.organizationId();
    String template = tenant.templateId();
    Requester ada = tenant.user("ada");
    String token = "Bearer " + tokenFor(ada);
    String body = "{\"template_id\": \"" + template + "\"}";

    int keys = 12;
    List<Integer> firstTries = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      String key = org + "-" + i;
      // from before the key is claimed to well into the command's unit of work
      Duration patience = Duration.ofMillis(3 + i * 6L);
      firstTries.add(
          HttpClient.newConnection()
              .baseUrl("http://localhost:" + port)
              .headers(
                  h ->
                      h.set("Authorization", token)
                          .set("Content-Type", "application/json")
                          .set("Idempotency-Key", key))
              .post()
              .uri("/api/v1/sessions")
              .send((request, out) -> out.sendString(Mono.just(body)))
              .responseSingle((response, content) -> Mono.just(response.status().code()))
              .timeout(patience)
              .onErrorResume(TimeoutException.class, e -> Mono.just(-1))
              .block(Duration.ofSeconds(30)));
    }
    assertThat(firstTries).isSubsetOf(201, -1).contains(-1);

    for (int i = 0; i < keys; i++) {
      String key = org + "-" + i;
      // a retry may briefly find the first try still running (409 in progress): retry as a
      // client would, until it gets the answer
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () ->
                  client
                          .post()
                          .uri("/api/v1/sessions")
                          .header("Authorization", token)
                          .header("Idempotency-Key", key)
                          .contentType(MediaType.APPLICATION_JSON)
                          .bodyValue(body)
                          .exchange()
                          .returnResult(String.class)
                          .getStatus()
                          .value()
                      == 201);
    }

    Integer sessions =
        jdbc.queryForObject(
            "select count(*) from domain_event_entry where payload_type = ?"
                + " and convert_from(payload, 'UTF8')::json->>'organization_id' = ?",
            Integer.class,
            "io.streamspace.events.session.SessionCreated",
            org);
    assertThat(sessions).as("one session per Idempotency-Key").isEqualTo(keys);
  }
}
