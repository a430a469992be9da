package io.streamspace.query.template;

import io.r2dbc.spi.Row;
import io.streamspace.events.common.Resources;
import io.streamspace.events.template.IdleLimits;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import io.streamspace.query.paging.ReadTable;
import io.streamspace.query.paging.SqlCriteria;
import io.streamspace.query.projection.EventJson;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/** Reads the catalog from {@code template_view} through R2DBC, by name; deleted ones are hidden. */
@Repository
public class TemplateQueries {

  static final String LIST = "templates";

  private static final String COLUMNS =
      "id, organization_id, name, display_name, description, category, tags, icon_url, image,"
          + " command, cpu_millis, memory_mb, vnc_port, environment::text as environment,"
          + " idle_hibernate_after_seconds, idle_stop_after_seconds, created_at, updated_at";

  private static final TypeReference<Map<String, String>> ENVIRONMENT = new TypeReference<>() {};

  private final ReadTable<TemplateView> table;

  public TemplateQueries(DatabaseClient db) {
    this.table = new ReadTable<>(db, "template_view", COLUMNS, LIST, TemplateQueries::map);
  }

  /**
   * What a list request asks for.
   *
   * @param search part of the name or display name, matched without regard to case
   */
  public record Filter(
      String organizationId,
      Optional<String> category,
      Optional<String> search,
      Optional<String> tag) {}

  public Mono<Page<TemplateView>> list(Filter filter, PageRequest page) {
    SqlCriteria criteria =
        new SqlCriteria()
            .and("organization_id = :organizationId", "organizationId", filter.organizationId())
            .and("not deleted");
    filter
        .category()
        .ifPresent(category -> criteria.and("category = :category", "category", category));
    filter
        .search()
        .ifPresent(
            search ->
                criteria.and(
                    "(name ilike :search or display_name ilike :search)",
                    "search",
                    SqlCriteria.likeContaining(search)));
    filter.tag().ifPresent(tag -> criteria.and(":tag = any(tags)", "tag", tag));
    return table.pageByName("name", criteria, page, TemplateView::name, TemplateView::id);
  }

  /** A template that is still in the catalog. */
  public Mono<TemplateView> find(String id) {
    return table.find(id, "not deleted");
  }

  private static TemplateView map(Row row) {
    return new TemplateView(
        row.get("id", String.class),
        row.get("organization_id", String.class),
        row.get("name", String.class),
        row.get("display_name", String.class),
        row.get("description", String.class),
        row.get("category", String.class),
        list(row.get("tags", String[].class)),
        row.get("icon_url", String.class),
        row.get("image", String.class),
        list(row.get("command", String[].class)),
        new Resources(row.get("cpu_millis", Integer.class), row.get("memory_mb", Integer.class)),
        row.get("vnc_port", Integer.class),
        EventJson.mapper().readValue(row.get("environment", String.class), ENVIRONMENT),
        new IdleLimits(
            row.get("idle_hibernate_after_seconds", Integer.class),
            row.get("idle_stop_after_seconds", Integer.class)),
        row.get("created_at", Instant.class),
        row.get("updated_at", Instant.class));
  }

  private static List<String> list(String[] values) {
    return values == null ? List.of() : Arrays.asList(values);
  }
}
