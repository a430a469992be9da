package io.streamspace.command.agent;

import io.streamspace.command.common.Invalid;
import io.streamspace.command.common.KeysetPage;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the {@code agent_token} table for the token list, oldest first, with keyset paging on
 * {@code (created_at, token_id)}. Blocking JDBC: called on {@code boundedElastic}.
 *
 * <p>The table belongs to the command side (it is the source of truth for which tokens are valid),
 * so the list reads it here rather than through a projection of the events.
 */
@Component
public class AgentTokenList {

  private static final String LIST = "agent_tokens";
  private static final String COLUMNS =
      "token_id, name, prefix, created_at, created_by, revoked_at, last_used_at";

  private final JdbcTemplate jdbc;

  public AgentTokenList(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One page of tokens after the one {@code pageToken} names.
   *
   * @throws Invalid (400) for a page size out of range or a malformed page token
   */
  public AgentTokenPage page(String pageSize, String pageToken) {
    int size = KeysetPage.size(pageSize);
    List<AgentTokenView> fetched;
    if (pageToken == null || pageToken.isEmpty()) {
      fetched =
          jdbc.query(
              "select " + COLUMNS + " from agent_token order by created_at, token_id limit ?",
              (rs, row) -> view(rs),
              size + 1);
    } else {
      KeysetPage.Cursor after = KeysetPage.Cursor.decode(LIST, pageToken);
      fetched =
          jdbc.query(
              "select "
                  + COLUMNS
                  + " from agent_token where (created_at, token_id) > (?, ?)"
                  + " order by created_at, token_id limit ?",
              (rs, row) -> view(rs),
              after.createdAt().atOffset(ZoneOffset.UTC),
              after.id(),
              size + 1);
    }
    if (fetched.size() <= size) {
      return new AgentTokenPage(fetched, null);
    }
    List<AgentTokenView> items = new ArrayList<>(fetched.subList(0, size));
    AgentTokenView last = items.get(items.size() - 1);
    return new AgentTokenPage(
        items, new KeysetPage.Cursor(LIST, last.createdAt(), last.id()).encode());
  }

  /** The token {@code tokenId}, revoked or not. */
  public Optional<AgentTokenView> find(String tokenId) {
    return jdbc
        .query(
            "select " + COLUMNS + " from agent_token where token_id = ?",
            (rs, row) -> view(rs),
            tokenId)
        .stream()
        .findFirst();
  }

  private static AgentTokenView view(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new AgentTokenView(
        rs.getString("token_id"),
        rs.getString("name"),
        rs.getString("prefix"),
        instant(rs.getObject("created_at", OffsetDateTime.class)),
        rs.getString("created_by"),
        instant(rs.getObject("revoked_at", OffsetDateTime.class)),
        instant(rs.getObject("last_used_at", OffsetDateTime.class)));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
