package io.streamspace.query.organization;

import io.r2dbc.spi.Row;
import io.streamspace.events.organization.Quota;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import io.streamspace.query.paging.ReadTable;
import io.streamspace.query.paging.SqlCriteria;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Reads organizations through R2DBC, by name, with what their live sessions use: {@code
 * organization_usage_view} counts it from the sessions read model (ADR 0016).
 */
@Repository
public class OrganizationQueries {

  static final String LIST = "organizations";

  private static final String COLUMNS =
      "id, name, display_name, max_sessions, max_cpu_millis, max_memory_mb, sessions_in_use,"
          + " cpu_in_use, memory_in_use, created_at, updated_at";

  private final ReadTable<OrganizationView> table;

  public OrganizationQueries(DatabaseClient db) {
    this.table =
        new ReadTable<>(db, "organization_usage_view", COLUMNS, LIST, OrganizationQueries::map);
  }

  public Mono<Page<OrganizationView>> list(PageRequest page) {
    return table.pageByName(
        "name", new SqlCriteria(), page, OrganizationView::name, OrganizationView::id);
  }

  public Mono<OrganizationView> find(String id) {
    return table.find(id);
  }

  private static OrganizationView map(Row row) {
    return new OrganizationView(
        row.get("id", String.class),
        row.get("name", String.class),
        row.get("display_name", String.class),
        new Quota(
            row.get("max_sessions", Integer.class),
            row.get("max_cpu_millis", Integer.class),
            row.get("max_memory_mb", Integer.class)),
        new OrganizationView.Usage(
            row.get("sessions_in_use", Integer.class),
            row.get("cpu_in_use", Integer.class),
            row.get("memory_in_use", Integer.class)),
        row.get("created_at", Instant.class),
        row.get("updated_at", Instant.class));
  }
}
