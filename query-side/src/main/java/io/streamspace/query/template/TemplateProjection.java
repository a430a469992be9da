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
import java.sql.SQLException;
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
    jdbc.update(
        connection -> {
          PreparedStatement statement =
              connection.prepareStatement(
                  """
                  insert into template_view (id, organization_id, name, display_name, description,
                      category, tags, icon_url, image, command, cpu_millis, memory_mb, vnc_port,
                      environment, idle_hibernate_after_seconds, idle_stop_after_seconds,
                      deleted, created_at, updated_at, last_event_sequence)
                  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, false, ?, ?, ?)
                  on conflict (id) do nothing
                  """);
          statement.setString(1, event.templateId());
          statement.setString(2, event.organizationId());
          setDefinition(statement, 3, event.definition());
          statement.setObject(17, utc(at));
          statement.setObject(18, utc(at));
          statement.setLong(19, sequence);
          return statement;
        });
  }

  @EventHandler
  void on(TemplateUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
    jdbc.update(
        connection -> {
          PreparedStatement statement =
              connection.prepareStatement(
                  """
                  update template_view
                     set name = ?, display_name = ?, description = ?, category = ?, tags = ?,
                         icon_url = ?, image = ?, command = ?, cpu_millis = ?, memory_mb = ?,
                         vnc_port = ?, environment = ?::jsonb, idle_hibernate_after_seconds = ?,
                         idle_stop_after_seconds = ?, updated_at = ?, last_event_sequence = ?
                   where id = ? and last_event_sequence < ?
                  """);
          setDefinition(statement, 1, event.definition());
          statement.setObject(15, utc(at));
          statement.setLong(16, sequence);
          statement.setString(17, event.templateId());
          statement.setLong(18, sequence);
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

  /**
   * Binds the twelve definition columns, in the order both statements list them ({@code name}
   * through {@code environment}), from parameter {@code first} on.
   */
  private static void setDefinition(
      PreparedStatement statement, int first, TemplateDefinition definition) throws SQLException {
    Resources resources = TemplateView.defaultResources(definition);
    Connection connection = statement.getConnection();
    int i = first;
    statement.setString(i++, definition.name());
    statement.setString(i++, definition.displayName());
    statement.setString(i++, definition.description());
    statement.setString(i++, definition.category());
    statement.setArray(i++, textArray(connection, definition.tags()));
    statement.setString(i++, definition.iconUrl());
    statement.setString(i++, definition.image());
    statement.setArray(i++, textArray(connection, definition.command()));
    statement.setInt(i++, resources.cpuMillis());
    statement.setInt(i++, resources.memoryMb());
    statement.setInt(i++, definition.vncPort());
    statement.setString(i++, EventJson.toJson(definition.environment()));
    statement.setObject(i++, definition.idle().hibernateAfterSeconds(), java.sql.Types.INTEGER);
    statement.setObject(i, definition.idle().stopAfterSeconds(), java.sql.Types.INTEGER);
  }

  private static Array textArray(Connection connection, List<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray(String[]::new));
  }
}
