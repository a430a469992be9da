package io.streamspace.command.agent;

import io.streamspace.command.common.SecretHashes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link AgentCredentials} over the {@code agent_token} table: the presented token is hashed and
 * looked up by its hash, so the table never needs the secret.
 *
 * <p>Blocking JDBC throughout; callers run it on {@code boundedElastic}.
 */
@Component
public class AgentTokenCredentials implements AgentCredentials {

  private final JdbcTemplate jdbc;
  private final Clock clock = Clock.systemUTC();

  public AgentTokenCredentials(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<AgentCredential> verify(String presentedToken) {
    Optional<AgentCredential> credential = check(presentedToken);
    credential.ifPresent(
        valid ->
            jdbc.update(
                "update agent_token set last_used_at = ? where token_id = ?",
                clock.instant().atOffset(ZoneOffset.UTC),
                valid.tokenId()));
    return credential;
  }

  @Override
  public Optional<AgentCredential> check(String presentedToken) {
    if (!AgentTokenSecrets.isWellFormed(presentedToken)) {
      return Optional.empty();
    }
    String hash = AgentTokenSecrets.hash(presentedToken);
    List<Row> rows =
        jdbc.query(
            "select token_id, name, secret_hash, revoked_at is not null as revoked"
                + " from agent_token where secret_hash = ?",
            (rs, row) ->
                new Row(
                    rs.getString("token_id"),
                    rs.getString("name"),
                    rs.getString("secret_hash"),
                    rs.getBoolean("revoked")),
            hash);
    for (Row row : rows) {
      if (SecretHashes.same(row.secretHash(), hash) && !row.revoked()) {
        return Optional.of(new AgentCredential(row.tokenId(), row.name()));
      }
    }
    return Optional.empty();
  }

  private record Row(String tokenId, String name, String secretHash, boolean revoked) {}
}
