package io.streamspace.server.web;

import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Idempotency-Key support for POST: the table-backed store, the filter and the daily cleanup. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class IdempotencyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(IdempotencyConfiguration.class);

  @Bean
  IdempotencyStore idempotencyStore(DataSource dataSource, HttpProperties properties) {
    return new JdbcIdempotencyStore(
        dataSource,
        Clock.systemUTC(),
        properties.idempotencyKeyTtl(),
        properties.idempotencyLease());
  }

  @Bean
  IdempotencyFilter idempotencyFilter(
      IdempotencyStore store, ProblemResponses problems, HttpProperties properties) {
    return new IdempotencyFilter(
        store, problems, Math.toIntExact(properties.maxBodySize().toBytes()));
  }

  @Bean
  ExpiredIdempotencyKeys expiredIdempotencyKeys(IdempotencyStore store) {
    return new ExpiredIdempotencyKeys(store);
  }

  /** Deletes keys past their time to live; every replica may run it, deletes are idempotent. */
  static class ExpiredIdempotencyKeys {

    private final IdempotencyStore store;

    ExpiredIdempotencyKeys(IdempotencyStore store) {
      this.store = store;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT15M")
    void deleteExpired() {
      try {
        int deleted = store.deleteExpired();
        if (deleted > 0) {
          log.debug("Deleted {} expired Idempotency-Keys", deleted);
        }
      } catch (RuntimeException e) {
        log.warn("Cannot delete expired Idempotency-Keys: {}", e.toString());
      }
    }
  }
}
