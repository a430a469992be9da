package io.streamspace.command.agent;

import io.streamspace.command.common.Invalid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
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

  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 200;

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
    int size = size(pageSize);
    List<AgentTokenView> fetched;
    if (pageToken == null || pageToken.isEmpty()) {
      fetched =
          jdbc.query(
              "select " + COLUMNS + " from agent_token order by created_at, token_id limit ?",
              (rs, row) -> view(rs),
              size + 1);
    } else {
      Cursor after = Cursor.decode(pageToken);
      fetched =
          jdbc.query(
              "select "
                  + COLUMNS
                  + " from agent_token where (created_at, token_id) > (?, ?)"
                  + " order by created_at, token_id limit ?",
              (rs, row) -> view(rs),
              after.createdAt().atOffset(ZoneOffset.UTC),
              after.tokenId(),
              size + 1);
    }
    if (fetched.size() <= size) {
      return new AgentTokenPage(fetched, null);
    }
    List<AgentTokenView> items = new ArrayList<>(fetched.subList(0, size));
    AgentTokenView last = items.get(items.size() - 1);
    return new AgentTokenPage(items, new Cursor(last.createdAt(), last.id()).encode());
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

  private static int size(String raw) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT_PAGE_SIZE;
    }
    int size;
    try {
      size = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new Invalid(
          "page_size must be a whole number from 1 to " + MAX_PAGE_SIZE + ", got '" + raw + "'");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new Invalid("page_size must be from 1 to " + MAX_PAGE_SIZE + ", got " + size);
    }
    return size;
  }

  /** Where a page ended: opaque to clients, tagged with the list so no other list's token fits. */
  record Cursor(Instant createdAt, String tokenId) {

    String encode() {
      String text = LIST + "\n" + createdAt + "\n" + tokenId;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String token) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        String[] parts = text.split("\n", -1);
        if (parts.length != 3 || !LIST.equals(parts[0]) || parts[2].isEmpty()) {
          throw malformed();
        }
        return new Cursor(Instant.parse(parts[1]), parts[2]);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw malformed();
      }
    }

    private static Invalid malformed() {
      return new Invalid(
          "page_token is malformed: pass the next_page_token of the previous page unchanged");
    }
  }
}
