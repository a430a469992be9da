package io.streamspace.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.streamspace.events.common.Role;
import io.streamspace.server.persistence.DatabaseProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

/**
 * A read that cannot get a database connection in time is answered 503 with a Retry-After, never
 * left hanging: the read pool's wait is bounded.
 */
class ReadPoolExhaustionTest extends ReadSideTest {

  @Autowired ConnectionPool readPool;
  @Autowired DatabaseProperties database;

  @Test
  void aReadThatFindsEveryConnectionTakenIsA503AndTheNextOneWorksAgain() {
    var reader = as(requester("ann-" + newId(), newId(), Role.ORG_ADMIN));
    // The account check happens once per caller and interval: done now, it is not what waits.
    reader.get().uri("/api/v1/sessions").exchange().expectStatus().isOk();

    List<Connection> taken = new ArrayList<>();
    try {
      for (int i = 0; i < database.maxReactivePoolSize(); i++) {
        taken.add(Mono.from(readPool.create()).block(Duration.ofSeconds(10)));
      }
      long started = System.nanoTime();
      reader
          .get()
          .uri("/api/v1/sessions")
          .exchange()
          .expectStatus()
          .isEqualTo(503)
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectHeader()
          .valueEquals(HttpHeaders.RETRY_AFTER, "1")
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("urn:streamspace:problem:unavailable")
          .jsonPath("$.detail")
          .isEqualTo("the server is too busy to answer this request now; retry shortly");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("answered once the bounded wait is over")
          .isGreaterThanOrEqualTo(database.reactiveAcquireTimeout().minusMillis(100))
          .isLessThan(database.reactiveAcquireTimeout().plusSeconds(10));
    } finally {
      taken.forEach(connection -> Mono.from(connection.close()).block(Duration.ofSeconds(10)));
    }

    reader.get().uri("/api/v1/sessions").exchange().expectStatus().isOk();
  }
}
