package io.streamspace.command.apikey;

import io.streamspace.command.common.Invalid;
import io.streamspace.command.common.KeysetPage;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the {@code api_key} table for the key list, oldest first, with keyset paging on {@code
 * (created_at, key_id)}, showing each requester only what they may see: a user their own keys, an
 * organization admin their organization's, a system admin everyone's. Blocking JDBC: called on
 * {@code boundedElastic}.
 *
 * <p>The table belongs to the command side (it is the source of truth for which keys are valid), so
 * the list reads it here rather than through a projection of the events, as the agent token list
 * does.
 */
@Component
public class ApiKeyList {

  private static final String LIST = "api_keys";
  private static final String COLUMNS =
      "key_id, name, prefix, user_id, organization_id, scope, created_at, created_by, expires_at,"
          + " revoked_at, last_used_at";

  private final JdbcTemplate jdbc;

  public ApiKeyList(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * One page of the keys {@code requester} may see, optionally only {@code userId}'s, after the one
   * {@code pageToken} names.
   *
   * @throws Invalid (400) for a page size out of range or a malformed page token
   */
  public ApiKeyPage page(Requester requester, String userId, String pageSize, String pageToken) {
    int size = KeysetPage.size(pageSize);
    StringBuilder where = new StringBuilder(" where true");
    List<Object> args = new ArrayList<>();
    if (requester.role() == Role.USER) {
      where.append(" and user_id = ?");
      args.add(requester.userId());
    } else if (requester.role() == Role.ORG_ADMIN) {
      where.append(" and organization_id = ?");
      args.add(requester.organizationId());
    }
    if (userId != null && !userId.isBlank()) {
      where.append(" and user_id = ?");
      args.add(userId);
    }
    if (pageToken != null && !pageToken.isEmpty()) {
      KeysetPage.Cursor after = KeysetPage.Cursor.decode(LIST, pageToken);
      where.append(" and (created_at, key_id) > (?, ?)");
      args.add(after.createdAt().atOffset(ZoneOffset.UTC));
      args.add(after.id());
    }
    args.add(size + 1);
    List<ApiKeyView> fetched =
        jdbc.query(
            "select " + COLUMNS + " from api_key" + where + " order by created_at, key_id limit ?",
            (rs, row) -> view(rs),
            args.toArray());
    if (fetched.size() <= size) {
      return new ApiKeyPage(fetched, null);
    }
    List<ApiKeyView> items = new ArrayList<>(fetched.subList(0, size));
    ApiKeyView last = items.get(items.size() - 1);
    return new ApiKeyPage(items, new KeysetPage.Cursor(LIST, last.createdAt(), last.id()).encode());
  }

  /** The key {@code keyId}, revoked or not, if {@code requester} may see it. */
  public Optional<ApiKeyView> find(Requester requester, String keyId) {
    return jdbc
        .query("select " + COLUMNS + " from api_key where key_id = ?", (rs, row) -> view(rs), keyId)
        .stream()
        .filter(key -> requester.mayUse(key.organizationId(), key.userId()))
        .findFirst();
  }

  private static ApiKeyView view(ResultSet rs) throws SQLException {
    return new ApiKeyView(
        rs.getString("key_id"),
        rs.getString("name"),
        rs.getString("prefix"),
        rs.getString("user_id"),
        rs.getString("organization_id"),
        Role.fromWireName(rs.getString("scope")),
        instant(rs.getObject("created_at", OffsetDateTime.class)),
        rs.getString("created_by"),
        instant(rs.getObject("expires_at", OffsetDateTime.class)),
        instant(rs.getObject("revoked_at", OffsetDateTime.class)),
        instant(rs.getObject("last_used_at", OffsetDateTime.class)));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
