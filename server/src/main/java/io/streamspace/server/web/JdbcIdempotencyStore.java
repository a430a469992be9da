package io.streamspace.server.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps Idempotency-Keys in the {@code idempotency_key} table. The primary key (user, key) makes
 * the claim atomic across replicas: of two concurrent requests exactly one inserts the row.
 */
public class JdbcIdempotencyStore implements IdempotencyStore {

  private static final String IN_PROGRESS = "in_progress";
  private static final String COMPLETED = "completed";
  private static final int ATTEMPTS = 3;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration ttl;
  private final Duration lease;

  public JdbcIdempotencyStore(DataSource dataSource, Clock clock, Duration ttl, Duration lease) {
    this.jdbc = JdbcClient.create(dataSource);
    this.clock = clock;
    this.ttl = ttl;
    this.lease = lease;
  }

  @Override
  public Claim claim(String userId, String key, RequestFingerprint request) {
    // A claim can race with a release, an expiry or a takeover by another replica; each of those
    // changes the row, so look again a few times before calling the key busy.
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      OffsetDateTime now = now();
      int inserted =
          jdbc.sql(
                  """
                  insert into idempotency_key
                    (user_id, idempotency_key, request_method, request_path, request_body_sha256,
                     state, created_at, updated_at)
                  values (?, ?, ?, ?, ?, 'in_progress', ?, ?)
                  on conflict (user_id, idempotency_key) do nothing
                  """)
              .params(userId, key, request.method(), request.path(), request.bodySha256(), now, now)
              .update();
      if (inserted == 1) {
        return new Claim.Acquired();
      }
      Optional<Row> existing = find(userId, key);
      if (existing.isEmpty()) {
        continue;
      }
      Row row = existing.get();
      if (row.createdAt().isBefore(now.minus(ttl))) {
        jdbc.sql(
                "delete from idempotency_key where user_id = ? and idempotency_key = ? and created_at = ?")
            .params(userId, key, row.createdAt())
            .update();
        continue;
      }
      if (!row.request().equals(request)) {
        return new Claim.Mismatch(row.request());
      }
      if (COMPLETED.equals(row.state())) {
        return new Claim.Replay(row.response());
      }
      if (!row.updatedAt().isBefore(now.minus(lease))) {
        return new Claim.InProgress();
      }
      if (takeOver(userId, key, row, now)) {
        return new Claim.Acquired();
      }
    }
    return new Claim.InProgress();
  }

  /** The holder stopped renewing (its replica died mid-request): the key is free again. */
  private boolean takeOver(String userId, String key, Row stale, OffsetDateTime now) {
    return jdbc.sql(
                """
                update idempotency_key set updated_at = ?
                 where user_id = ? and idempotency_key = ? and state = 'in_progress'
                   and updated_at = ?
                """)
            .params(now, userId, key, stale.updatedAt())
            .update()
        == 1;
  }

  @Override
  public void complete(String userId, String key, StoredResponse response) {
    jdbc.sql(
            """
            update idempotency_key
               set state = 'completed', response_status = ?, response_content_type = ?,
                   response_location = ?, response_body = ?, updated_at = ?
             where user_id = ? and idempotency_key = ?
            """)
        .params(
            response.status(),
            response.contentType(),
            response.location(),
            response.body(),
            now(),
            userId,
            key)
        .update();
  }

  @Override
  public void release(String userId, String key) {
    jdbc.sql("delete from idempotency_key where user_id = ? and idempotency_key = ? and state = ?")
        .params(userId, key, IN_PROGRESS)
        .update();
  }

  @Override
  public int deleteExpired() {
    return jdbc.sql("delete from idempotency_key where created_at < ?")
        .param(now().minus(ttl))
        .update();
  }

  private Optional<Row> find(String userId, String key) {
    return jdbc.sql(
            """
            select request_method, request_path, request_body_sha256, state, response_status,
                   response_content_type, response_location, response_body, created_at, updated_at
              from idempotency_key
             where user_id = ? and idempotency_key = ?
            """)
        .params(userId, key)
        .query(
            (rs, rowNumber) ->
                new Row(
                    new RequestFingerprint(
                        rs.getString("request_method"),
                        rs.getString("request_path"),
                        rs.getString("request_body_sha256").trim()),
                    rs.getString("state"),
                    new StoredResponse(
                        rs.getInt("response_status"),
                        rs.getString("response_content_type"),
                        rs.getString("response_location"),
                        rs.getBytes("response_body")),
                    rs.getObject("created_at", OffsetDateTime.class),
                    rs.getObject("updated_at", OffsetDateTime.class)))
        .optional();
  }

  private OffsetDateTime now() {
    // PostgreSQL keeps microseconds: truncating makes the compare-and-set on updated_at exact.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
  }

  private record Row(
      RequestFingerprint request,
      String state,
      StoredResponse response,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt) {}
}
