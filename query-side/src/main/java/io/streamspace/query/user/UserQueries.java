package io.streamspace.query.user;

import io.r2dbc.spi.Row;
import io.streamspace.events.common.Role;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import io.streamspace.query.paging.SqlCriteria;
import java.time.Instant;
import java.util.List;
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

  private final DatabaseClient db;

  public UserQueries(DatabaseClient db) {
    this.db = db;
  }

  /** What a list request asks for, after access rules have narrowed it. */
  public record Filter(String organizationId, Optional<Role> role) {}

  public Mono<Page<UserView>> list(Filter filter, PageRequest page) {
    SqlCriteria criteria =
        new SqlCriteria()
            .and("organization_id = :organizationId", "organizationId", filter.organizationId());
    filter.role().ifPresent(role -> criteria.and("role = :role", "role", role.wireName()));
    page.after()
        .ifPresent(
            token ->
                criteria.and(
                    "(username, id) > (:afterUsername, :afterId)",
                    "afterUsername",
                    token.key(0),
                    "afterId",
                    token.key(1)));
    String sql =
        "select "
            + COLUMNS
            + " from user_view"
            + criteria.where()
            + " order by username, id limit :limit";
    return criteria
        .bind(db.sql(sql), page.fetchSize())
        .map((row, meta) -> map(row))
        .all()
        .collectList()
        .map(rows -> page.page(rows, LIST, user -> List.of(user.username(), user.id())));
  }

  public Mono<UserView> find(String id) {
    return db.sql("select " + COLUMNS + " from user_view where id = :id")
        .bind("id", id)
        .map((row, meta) -> map(row))
        .one();
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
