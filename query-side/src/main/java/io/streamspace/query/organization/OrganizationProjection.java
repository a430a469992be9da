package io.streamspace.query.organization;

import static io.streamspace.query.projection.ProjectionSql.utc;

import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.OrganizationQuotaChanged;
import io.streamspace.events.organization.SessionQuotaReleased;
import io.streamspace.events.organization.SessionQuotaReserved;
import io.streamspace.query.projection.ProjectionGroups;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code organization_view} in step with the organization aggregates' events: the quota and
 * what live sessions hold of it.
 *
 * <p>Usage is counted up and down, so a redelivered event must not count twice: every write is
 * guarded by the organization's sequence number. A batch's usage changes of one organization are
 * written as one.
 */
@Component
@ProcessingGroup(ProjectionGroups.ORGANIZATIONS)
public class OrganizationProjection {

  private static final String BATCH_USAGE = OrganizationProjection.class.getName() + ".usage";

  private final JdbcTemplate jdbc;

  public OrganizationProjection(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @EventHandler
  void on(OrganizationCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
    writeUsage(event.organizationId());
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
    writeUsage(event.organizationId());
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

  /**
   * Adds a session's share to the organization's usage. In a processor's batch the changes of one
   * organization are summed and written once, as the batch commits (or before another write to that
   * organization, to keep its rows' order): one update of its row per batch instead of one per
   * session, the row every create and stop of the organization changes.
   */
  private void changeUsage(
      String organizationId, int sessions, int cpuMillis, int memoryMb, Instant at, long sequence) {
    UsageChange change = new UsageChange(sessions, cpuMillis, memoryMb, at, sequence, sequence);
    if (!CurrentUnitOfWork.isStarted()) {
      write(organizationId, change);
      return;
    }
    usageOfBatch(CurrentUnitOfWork.get().root()).merge(organizationId, change, UsageChange::then);
  }

  private Map<String, UsageChange> usageOfBatch(UnitOfWork<?> batch) {
    return batch.getOrComputeResource(
        BATCH_USAGE,
        key -> {
          Map<String, UsageChange> usage = new LinkedHashMap<>();
          batch.onPrepareCommit(
              unitOfWork -> {
                usage.forEach(this::write);
                usage.clear();
              });
          return usage;
        });
  }

  /** Writes what the batch has gathered for {@code organizationId}, before another write to it. */
  private void writeUsage(String organizationId) {
    if (CurrentUnitOfWork.isStarted()) {
      Map<String, UsageChange> usage = CurrentUnitOfWork.get().root().getResource(BATCH_USAGE);
      UsageChange gathered = usage == null ? null : usage.remove(organizationId);
      if (gathered != null) {
        write(organizationId, gathered);
      }
    }
  }

  /**
   * The events of one organization come in order, and its row changes with the batch's token: a
   * batch delivered again finds its first sequence number written and changes nothing.
   */
  private void write(String organizationId, UsageChange change) {
    jdbc.update(
        """
        update organization_view
           set sessions_in_use = sessions_in_use + ?, cpu_in_use = cpu_in_use + ?,
               memory_in_use = memory_in_use + ?, updated_at = ?, last_event_sequence = ?
         where id = ? and last_event_sequence < ?
        """,
        change.sessions(),
        change.cpuMillis(),
        change.memoryMb(),
        utc(change.lastAt()),
        change.lastSequence(),
        organizationId,
        change.firstSequence());
  }

  /** Usage changed by the events from {@code firstSequence} to {@code lastSequence}. */
  private record UsageChange(
      int sessions,
      int cpuMillis,
      int memoryMb,
      Instant lastAt,
      long firstSequence,
      long lastSequence) {

    UsageChange then(UsageChange later) {
      return new UsageChange(
          sessions + later.sessions,
          cpuMillis + later.cpuMillis,
          memoryMb + later.memoryMb,
          later.lastAt,
          firstSequence,
          later.lastSequence);
    }
  }
}
