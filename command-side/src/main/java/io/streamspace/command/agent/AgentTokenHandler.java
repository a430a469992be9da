package io.streamspace.command.agent;

import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.Forbidden;
import io.streamspace.command.common.Invalid;
import io.streamspace.command.common.NotFound;
import io.streamspace.events.agent.IssueAgentToken;
import io.streamspace.events.agent.RevokeAgentToken;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Issues and revokes agent tokens: the {@code agent_token} row and the {@link AgentToken}'s event
 * are written in the unit of work's one transaction, or neither is.
 *
 * <p>The secret is made here, after the command exists, so no message or event ever holds it; the
 * issuing command answers it once, in {@link AgentTokenShownOnce}.
 */
@Component
public class AgentTokenHandler {

  static final int MAX_NAME_LENGTH = 100;

  private final JdbcTemplate jdbc;
  private final Repository<AgentToken> tokens;
  private final Clock clock = Clock.systemUTC();

  public AgentTokenHandler(JdbcTemplate jdbc, Repository<AgentToken> tokens) {
    this.jdbc = jdbc;
    this.tokens = tokens;
  }

  @CommandHandler
  public AgentTokenShownOnce handle(IssueAgentToken command) throws Exception {
    requireSystemAdmin(command.requester());
    String name = command.name();
    if (name == null || name.isBlank()) {
      throw new Invalid("an agent token needs a name");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new Invalid("an agent token's name has at most " + MAX_NAME_LENGTH + " characters");
    }
    String secret = AgentTokenSecrets.generate();
    String prefix = AgentTokenSecrets.prefixOf(secret);
    // what the list shows later: PostgreSQL keeps microseconds, the answer shows milliseconds
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    jdbc.update(
        "insert into agent_token (token_id, name, prefix, secret_hash, created_at, created_by)"
            + " values (?, ?, ?, ?, ?, ?)",
        command.tokenId(),
        name,
        prefix,
        AgentTokenSecrets.hash(secret),
        createdAt.atOffset(ZoneOffset.UTC),
        command.requester().userId());
    tokens.newInstance(() -> new AgentToken(command.tokenId(), name, prefix));
    return new AgentTokenShownOnce(command.tokenId(), name, prefix, secret, createdAt);
  }

  @CommandHandler
  public void handle(RevokeAgentToken command) {
    requireSystemAdmin(command.requester());
    // the row lock orders concurrent revokes: the second one finds the first one's revoked_at
    List<Optional<OffsetDateTime>> revokedAt =
        jdbc.query(
            "select revoked_at from agent_token where token_id = ? for update",
            (rs, row) -> Optional.ofNullable(rs.getObject("revoked_at", OffsetDateTime.class)),
            command.tokenId());
    if (revokedAt.isEmpty()) {
      throw NotFound.of("agent token", command.tokenId());
    }
    if (revokedAt.get(0).isPresent()) {
      throw alreadyRevoked(command.tokenId());
    }
    jdbc.update(
        "update agent_token set revoked_at = ? where token_id = ?",
        clock.instant().atOffset(ZoneOffset.UTC),
        command.tokenId());
    tokens.load(command.tokenId()).execute(AgentToken::revoke);
  }

  static Conflict alreadyRevoked(String tokenId) {
    return new Conflict("agent token " + tokenId + " is already revoked");
  }

  private static void requireSystemAdmin(Requester requester) {
    if (requester == null || requester.role() != Role.SYSTEM_ADMIN) {
      throw new Forbidden("only a system admin may manage agent tokens");
    }
  }
}
