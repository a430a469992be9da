package io.streamspace.query.organization;

import static io.streamspace.query.projection.ProjectionSql.utc;

import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.OrganizationQuotaChanged;
import io.streamspace.query.projection.ProjectionGroups;
import java.time.Instant;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code organization_view} in step with the organization aggregates' events: names and quota
 * limits. What live sessions hold is counted from the sessions read model when read ({@code
 * organization_usage_view}); the {@code SessionQuotaReserved} and {@code SessionQuotaReleased} of
 * histories from before ADR 0016 are not read here, since the sessions' own events say the same.
 *
 * <p>A redelivered event changes nothing: every update is guarded by the organization's sequence
 * number.
 */
@Component
@ProcessingGroup(ProjectionGroups.ORGANIZATIONS)
public class OrganizationProjection {

  private final JdbcTemplate jdbc;

  public OrganizationProjection(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @EventHandler
  void on(OrganizationCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
    jdbc.update(
        """
        insert into organization_view (id, name, display_name, max_sessions, max_cpu_millis,
            max_memory_mb, created_at, updated_at, last_event_sequence)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (id) do nothing
        """,
        event.organizationId(),
        event.name(),
        event.displayName(),
        event.quota().maxSessions(),
        event.quota().maxCpuMillis(),
        event.quota().maxMemoryMb(),
        utc(at),
        utc(at),
        sequence);
  }

  @EventHandler
  void on(OrganizationQuotaChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
    jdbc.update(
        """
        update organization_view
           set max_sessions = ?, max_cpu_millis = ?, max_memory_mb = ?, updated_at = ?,
               last_event_sequence = ?
         where id = ? and last_event_sequence < ?
        """,
        event.quota().maxSessions(),
        event.quota().maxCpuMillis(),
        event.quota().maxMemoryMb(),
        utc(at),
        sequence,
        event.organizationId(),
        sequence);
  }

  /**
   * Replay starts from an empty table; the reset runs in the transaction that resets the tokens.
   */
  @ResetHandler
  void reset() {
    jdbc.update("delete from organization_view");
  }
}
