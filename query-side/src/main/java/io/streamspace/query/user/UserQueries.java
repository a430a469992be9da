package io.streamspace.query.user;

import io.r2dbc.spi.Row;
import io.streamspace.events.common.Role;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import io.streamspace.query.paging.ReadTable;
import io.streamspace.query.paging.SqlCriteria;
import java.time.Instant;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reads {@code user_view} through R2DBC, by username. */
@Repository
public class UserQueries {

  static final String LIST = "users";

  private static final String COLUMNS =
      "id, organization_id, username, email, display_name, role, disabled, created_at, updated_at";

  private final ReadTable<UserView> table;

  public UserQueries(DatabaseClient db) {
    this.table = new ReadTable<>(db, "user_view", COLUMNS, LIST, UserQueries::map);
  }

  /** What a list request asks for, after access rules have narrowed it. */
  public record Filter(String organizationId, Optional<Role> role) {}

  public Mono<Page<UserView>> list(Filter filter, PageRequest page) {
    SqlCriteria criteria =
        new SqlCriteria()
            .and("organization_id = :organizationId", "organizationId", filter.organizationId());
    filter.role().ifPresent(role -> criteria.and("role = :role", "role", role.wireName()));
    return table.pageByName("username", criteria, page, UserView::username, UserView::id);
  }

  public Mono<UserView> find(String id) {
    return table.find(id);
  }

  private static UserView map(Row row) {
    return new UserView(
        row.get("id", String.class),
        row.get("organization_id", String.class),
        row.get("username", String.class),
        row.get("email", String.class),
        row.get("display_name", String.class),
        Role.fromWireName(row.get("role", String.class)),
        Boolean.TRUE.equals(row.get("disabled", Boolean.class)),
        row.get("created_at", Instant.class),
        row.get("updated_at", Instant.class));
  }
}
