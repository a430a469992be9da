package io.streamspace.query.organization;

import static io.streamspace.query.projection.ProjectionSql.utc;

import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.OrganizationQuotaChanged;
import io.streamspace.events.organization.SessionQuotaReleased;
import io.streamspace.events.organization.SessionQuotaReserved;
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
 * Keeps {@code organization_view} in step with the organization aggregates' events: the quota and
 * what live sessions hold of it.
 *
 * <p>Usage is counted up and down, so a redelivered event must not count twice: every write is
 * guarded by the organization's sequence number.
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

  @EventHandler
  void on(SessionQuotaReserved event, @SequenceNumber long sequence, @Timestamp Instant at) {
    changeUsage(
        event.organizationId(),
        1,
        event.resources().cpuMillis(),
        event.resources().memoryMb(),
        at,
        sequence);
  }

  @EventHandler
  void on(SessionQuotaReleased event, @SequenceNumber long sequence, @Timestamp Instant at) {
    changeUsage(
        event.organizationId(),
        -1,
        -event.resources().cpuMillis(),
        -event.resources().memoryMb(),
        at,
        sequence);
  }

  /**
   * Replay starts from an empty table; the reset runs in the transaction that resets the tokens.
   */
  @ResetHandler
  void reset() {
    jdbc.update("delete from organization_view");
  }

  private void changeUsage(
      String organizationId, int sessions, int cpuMillis, int memoryMb, Instant at, long sequence) {
    jdbc.update(
        """
        update organization_view
           set sessions_in_use = sessions_in_use + ?, cpu_in_use = cpu_in_use + ?,
               memory_in_use = memory_in_use + ?, updated_at = ?, last_event_sequence = ?
         where id = ? and last_event_sequence < ?
        """,
        sessions,
        cpuMillis,
        memoryMb,
        utc(at),
        sequence,
        organizationId,
        sequence);
  }
}
