package io.streamspace.command.apikey;

import io.streamspace.command.common.SecretHashes;
import io.streamspace.events.common.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks presented API keys against the {@code api_key} table: the key is hashed and looked up by
 * its hash, so the table never needs the secret. Revoked and expired keys are refused; whether the
 * owner may still act is the caller's check (the account table).
 *
 * <p>Blocking JDBC; callers run it on {@code boundedElastic}.
 */
@Component
public class ApiKeyCredentials {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public ApiKeyCredentials(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
  }

  /** The key {@code presented} is, when it is one, unrevoked and unexpired. */
  public Optional<ApiKeyCredential> check(String presented) {
    if (!ApiKeySecrets.isWellFormed(presented)) {
      return Optional.empty();
    }
    String hash = SecretHashes.sha256(presented);
    List<Row> rows =
        jdbc.query(
            "select key_id, organization_id, user_id, prefix, scope, expires_at, secret_hash,"
                + " revoked_at is not null as revoked from api_key where secret_hash = ?",
            (rs, row) ->
                new Row(
                    new ApiKeyCredential(
                        rs.getString("key_id"),
                        rs.getString("organization_id"),
                        rs.getString("user_id"),
                        rs.getString("prefix"),
                        Role.fromWireName(rs.getString("scope")),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()),
                    rs.getString("secret_hash"),
                    rs.getBoolean("revoked")),
            hash);
    Instant now = clock.instant();
    for (Row row : rows) {
      if (SecretHashes.same(row.secretHash(), hash)
          && !row.revoked()
          && row.credential().expiresAt().isAfter(now)) {
        return Optional.of(row.credential());
      }
    }
    return Optional.empty();
  }

  private record Row(ApiKeyCredential credential, String secretHash, boolean revoked) {}
}
