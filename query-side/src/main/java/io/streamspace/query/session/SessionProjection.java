package io.streamspace.query.session;

import static io.streamspace.query.projection.ProjectionSql.utc;

import io.streamspace.events.common.Resources;
import io.streamspace.events.session.SessionAssigned;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionFailed;
import io.streamspace.events.session.SessionHibernated;
import io.streamspace.events.session.SessionResumed;
import io.streamspace.events.session.SessionRunning;
import io.streamspace.events.session.SessionStarting;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.events.session.SessionWaiting;
import io.streamspace.query.projection.BatchWrites;
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
 * Keeps {@code session_view} in step with the session aggregates' events.
 *
 * <p>Writes go through the processor's transaction, together with its token, gathered per batch
 * ({@link BatchWrites}); each update is also guarded by the aggregate's sequence number, so an
 * event delivered twice changes nothing.
 */
@Component
@ProcessingGroup(ProjectionGroups.SESSIONS)
public class SessionProjection {

  private final JdbcTemplate jdbc;
  private final BatchWrites writes;

  public SessionProjection(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.writes = new BatchWrites(jdbc, SessionProjection.class);
  }

  @EventHandler
  void on(SessionCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
    Resources resources = SessionView.resources(event);
    writes.create(
        """
        insert into session_view (id, organization_id, user_id, template_id, template_name, status,
                                  status_reason, cpu_millis, memory_mb, created_at, updated_at,
                                  last_event_sequence)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (id) do nothing
        """,
        event.sessionId(),
        event.organizationId(),
        event.userId(),
        event.templateId(),
        event.template() != null ? event.template().name() : null,
        SessionStatus.PENDING.wireName(),
        event.waitingReason(),
        resources.cpuMillis(),
        resources.memoryMb(),
        utc(at),
        utc(at),
        sequence);
  }

  @EventHandler
  void on(SessionStarting event, @SequenceNumber long sequence, @Timestamp Instant at) {
    writes.change(
        """
        update session_view
           set status = ?, status_reason = null, agent_id = ?, updated_at = ?,
               last_event_sequence = ?
         where id = ? and last_event_sequence < ?
        """,
        event.status().wireName(),
        event.agentId(),
        utc(at),
        sequence,
        event.sessionId(),
        sequence);
  }

  @EventHandler
  void on(SessionAssigned event, @SequenceNumber long sequence, @Timestamp Instant at) {
    writes.change(
        """
        update session_view
           set status_reason = null, agent_id = ?, updated_at = ?, last_event_sequence = ?
         where id = ? and last_event_sequence < ?
        """,
        event.agentId(),
        utc(at),
        sequence,
        event.sessionId(),
        sequence);
  }

  /** A pending session shows why it waits: no agent, none that can run it, all full. */
  @EventHandler
  void on(SessionWaiting event, @SequenceNumber long sequence, @Timestamp Instant at) {
    writes.change(
        """
        update session_view
           set status_reason = ?, updated_at = ?, last_event_sequence = ?
         where id = ? and last_event_sequence < ?
        """,
        event.reason(),
        utc(at),
        sequence,
        event.sessionId(),
        sequence);
  }

  @EventHandler
  void on(SessionRunning event, @SequenceNumber long sequence, @Timestamp Instant at) {
    writes.change(
        """
        update session_view
           set status = ?, status_reason = null, vnc_endpoint = ?, updated_at = ?,
               running_since = ?, last_event_sequence = ?
         where id = ? and last_event_sequence < ?
        """,
        event.status().wireName(),
        event.vncEndpoint(),
        utc(at),
        utc(at),
        sequence,
        event.sessionId(),
        sequence);
  }

  @EventHandler
  void on(SessionHibernated event, @SequenceNumber long sequence, @Timestamp Instant at) {
    transition(event.sessionId(), event.status(), event.reason(), false, null, at, sequence);
  }

  @EventHandler
  void on(SessionResumed event, @SequenceNumber long sequence, @Timestamp Instant at) {
    transition(event.sessionId(), event.status(), event.reason(), false, at, at, sequence);
  }

  @EventHandler
  void on(SessionStopped event, @SequenceNumber long sequence, @Timestamp Instant at) {
    transition(event.sessionId(), event.status(), event.reason(), true, null, at, sequence);
  }

  @EventHandler
  void on(SessionFailed event, @SequenceNumber long sequence, @Timestamp Instant at) {
    transition(event.sessionId(), event.status(), event.reason(), true, null, at, sequence);
  }

  /**
   * Replay starts from an empty table; the reset runs in the transaction that resets the tokens.
   */
  @ResetHandler
  void reset() {
    jdbc.update("delete from session_view");
  }

  /** A hibernated session keeps its endpoint for the resume; an ended one has none. */
  private void transition(
      String sessionId,
      SessionStatus status,
      String reason,
      boolean ended,
      Instant runningSince,
      Instant at,
      long sequence) {
    writes.change(
        """
        update session_view
           set status = ?, status_reason = ?,
               vnc_endpoint = case when ? then null else vnc_endpoint end,
               running_since = ?, updated_at = ?, last_event_sequence = ?
         where id = ? and last_event_sequence < ?
        """,
        status.wireName(),
        reason,
        ended,
        runningSince == null ? null : utc(runningSince),
        utc(at),
        sequence,
        sessionId,
        sequence);
  }
}
