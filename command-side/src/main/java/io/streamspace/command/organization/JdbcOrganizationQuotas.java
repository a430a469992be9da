package io.streamspace.command.organization;

import io.streamspace.command.common.QuotaExceeded;
import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.Quota;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link OrganizationQuotas} in {@code organization_quota} and {@code session_quota_hold}. A share
 * is taken by one conditional update of the organization's row: PostgreSQL re-checks its condition
 * on the row a racing transaction committed, so two creates can never both take the last slot, on
 * one replica or several.
 */
@Component
public class JdbcOrganizationQuotas implements OrganizationQuotas {

  private final JdbcTemplate jdbc;

  public JdbcOrganizationQuotas(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void open(String organizationId, Quota limits) {
    jdbc.update(
        """
        insert into organization_quota (organization_id, max_sessions, max_cpu_millis, max_memory_mb)
        values (?, ?, ?, ?)
        """,
        organizationId,
        limits.maxSessions(),
        limits.maxCpuMillis(),
        limits.maxMemoryMb());
  }

  @Override
  public void limit(String organizationId, Quota limits) {
    int changed =
        jdbc.update(
            """
            update organization_quota set max_sessions = ?, max_cpu_millis = ?, max_memory_mb = ?
             where organization_id = ?
            """,
            limits.maxSessions(),
            limits.maxCpuMillis(),
            limits.maxMemoryMb(),
            organizationId);
    if (changed != 1) {
      throw new IllegalStateException("organization " + organizationId + " has no quota");
    }
  }

  @Override
  public void take(String organizationId, String sessionId, Resources resources) {
    int taken =
        jdbc.update(
            """
            with taken as (
                update organization_quota
                   set sessions = sessions + 1, cpu_millis = cpu_millis + ?,
                       memory_mb = memory_mb + ?
                 where organization_id = ? and sessions + 1 <= max_sessions
                   and cpu_millis + ? <= max_cpu_millis and memory_mb + ? <= max_memory_mb
                returning organization_id)
            insert into session_quota_hold (session_id, organization_id, cpu_millis, memory_mb)
            select ?, organization_id, ?, ? from taken
            """,
            resources.cpuMillis(),
            resources.memoryMb(),
            organizationId,
            resources.cpuMillis(),
            resources.memoryMb(),
            sessionId,
            resources.cpuMillis(),
            resources.memoryMb());
    if (taken == 0) {
      throw refusal(organizationId, resources);
    }
  }

  @Override
  public void giveBack(String sessionId) {
    jdbc.update(
        """
        with given as (
            delete from session_quota_hold where session_id = ?
            returning organization_id, cpu_millis, memory_mb)
        update organization_quota q
           set sessions = q.sessions - 1, cpu_millis = q.cpu_millis - given.cpu_millis,
               memory_mb = q.memory_mb - given.memory_mb
          from given
         where q.organization_id = given.organization_id
        """,
        sessionId);
  }

  /** What did not fit, read after the refusal: the problem detail names the figures. */
  private QuotaExceeded refusal(String organizationId, Resources requested) {
    List<QuotaExceeded> refusals =
        jdbc.query(
            """
            select max_sessions, max_cpu_millis, max_memory_mb, sessions, cpu_millis, memory_mb
              from organization_quota where organization_id = ?
            """,
            (row, n) ->
                new QuotaExceeded(
                    organizationId,
                    new Quota(
                        row.getInt("max_sessions"),
                        row.getInt("max_cpu_millis"),
                        row.getInt("max_memory_mb")),
                    row.getInt("sessions"),
                    new Resources(row.getInt("cpu_millis"), row.getInt("memory_mb")),
                    requested),
            organizationId);
    if (refusals.isEmpty()) {
      throw new IllegalStateException("organization " + organizationId + " has no quota");
    }
    return refusals.get(0);
  }
}
