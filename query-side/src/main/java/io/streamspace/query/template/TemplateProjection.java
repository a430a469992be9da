package io.streamspace.query.template;

import static io.streamspace.query.projection.ProjectionSql.utc;

import io.streamspace.events.common.Resources;
import io.streamspace.events.template.TemplateCreated;
import io.streamspace.events.template.TemplateDefinition;
import io.streamspace.events.template.TemplateDeleted;
import io.streamspace.events.template.TemplateUpdated;
import io.streamspace.query.projection.EventJson;
import io.streamspace.query.projection.ProjectionGroups;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code template_view} in step with the template aggregates' events. A deleted template
 * keeps its row, flagged, so the catalog can hide it while history still names it.
 */
@Component
@ProcessingGroup(ProjectionGroups.TEMPLATES)
public class TemplateProjection {

  private final JdbcTemplate jdbc;

  public TemplateProjection(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @EventHandler
  void on(TemplateCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
    TemplateDefinition definition = event.definition();
    Resources resources = resources(definition);
    jdbc.update(
        connection -> {
          PreparedStatement statement =
              connection.prepareStatement(
                  """
                  insert into template_view (id, organization_id, name, display_name, description,
                      category, tags, icon_url, image, command, cpu_millis, memory_mb, vnc_port,
                      environment, deleted, created_at, updated_at, last_event_sequence)
                  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, false, ?, ?, ?)
                  on conflict (id) do nothing
                  """);
          statement.setString(1, event.templateId());
          statement.setString(2, event.organizationId());
          statement.setString(3, definition.name());
          statement.setString(4, definition.displayName());
          statement.setString(5, definition.description());
          statement.setString(6, definition.category());
          statement.setArray(7, textArray(connection, definition.tags()));
          statement.setString(8, definition.iconUrl());
          statement.setString(9, definition.image());
          statement.setArray(10, textArray(connection, definition.command()));
          statement.setInt(11, resources.cpuMillis());
          statement.setInt(12, resources.memoryMb());
          statement.setInt(13, definition.vncPort());
          statement.setString(14, EventJson.toJson(definition.environment()));
          statement.setObject(15, utc(at));
          statement.setObject(16, utc(at));
          statement.setLong(17, sequence);
          return statement;
        });
  }

  @EventHandler
  void on(TemplateUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
    TemplateDefinition definition = event.definition();
    Resources resources = resources(definition);
    jdbc.update(
        connection -> {
          PreparedStatement statement =
              connection.prepareStatement(
                  """
                  update template_view
                     set name = ?, display_name = ?, description = ?, category = ?, tags = ?,
                         icon_url = ?, image = ?, command = ?, cpu_millis = ?, memory_mb = ?,
                         vnc_port = ?, environment = ?::jsonb, updated_at = ?,
                         last_event_sequence = ?
                   where id = ? and last_event_sequence < ?
                  """);
          statement.setString(1, definition.name());
          statement.setString(2, definition.displayName());
          statement.setString(3, definition.description());
          statement.setString(4, definition.category());
          statement.setArray(5, textArray(connection, definition.tags()));
          statement.setString(6, definition.iconUrl());
          statement.setString(7, definition.image());
          statement.setArray(8, textArray(connection, definition.command()));
          statement.setInt(9, resources.cpuMillis());
          statement.setInt(10, resources.memoryMb());
          statement.setInt(11, definition.vncPort());
          statement.setString(12, EventJson.toJson(definition.environment()));
          statement.setObject(13, utc(at));
          statement.setLong(14, sequence);
          statement.setString(15, event.templateId());
          statement.setLong(16, sequence);
          return statement;
        });
  }

  @EventHandler
  void on(TemplateDeleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
    jdbc.update(
        """
        update template_view set deleted = true, updated_at = ?, last_event_sequence = ?
         where id = ? and last_event_sequence < ?
        """,
        utc(at),
        sequence,
        event.templateId(),
        sequence);
  }

  /**
   * Replay starts from an empty table; the reset runs in the transaction that resets the tokens.
   */
  @ResetHandler
  void reset() {
    jdbc.update("delete from template_view");
  }

  private static Resources resources(TemplateDefinition definition) {
    return definition.defaultResources() != null ? definition.defaultResources() : Resources.NONE;
  }

  private static Array textArray(Connection connection, List<String> values)
      throws java.sql.SQLException {
    return connection.createArrayOf("text", values.toArray(String[]::new));
  }
}
