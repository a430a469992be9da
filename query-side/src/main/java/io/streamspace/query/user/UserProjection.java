package io.streamspace.query.user;

import static io.streamspace.query.projection.ProjectionSql.utc;

import io.streamspace.events.organization.MemberAdded;
import io.streamspace.events.organization.MemberDisabled;
import io.streamspace.events.organization.MemberEnabled;
import io.streamspace.events.organization.MemberProfileChanged;
import io.streamspace.events.organization.MemberRoleChanged;
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
 * Keeps {@code user_view} in step with the membership events of the organization aggregates.
 * Updates are guarded by the organization's sequence number, so a redelivered event changes
 * nothing.
 */
@Component
@ProcessingGroup(ProjectionGroups.USERS)
public class UserProjection {

  private final JdbcTemplate jdbc;

  public UserProjection(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  @EventHandler
  void on(MemberAdded event, @SequenceNumber long sequence, @Timestamp Instant at) {
    jdbc.update(
        """
        insert into user_view (id, organization_id, username, email, display_name, role, disabled,
            created_at, updated_at, last_event_sequence)
        values (?, ?, ?, ?, ?, ?, false, ?, ?, ?)
        on conflict (id) do nothing
        """,
        event.userId(),
        event.organizationId(),
        event.username(),
        event.email(),
        event.displayName(),
        event.role().wireName(),
        utc(at),
        utc(at),
        sequence);
  }

  @EventHandler
  void on(MemberRoleChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
    update("role = ?", event.role().wireName(), event.userId(), at, sequence);
  }

  @EventHandler
  void on(MemberDisabled event, @SequenceNumber long sequence, @Timestamp Instant at) {
    update("disabled = ?", true, event.userId(), at, sequence);
  }

  @EventHandler
  void on(MemberEnabled event, @SequenceNumber long sequence, @Timestamp Instant at) {
    update("disabled = ?", false, event.userId(), at, sequence);
  }

  @EventHandler
  void on(MemberProfileChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
    jdbc.update(
        "update user_view set email = ?, display_name = ?, updated_at = ?, last_event_sequence = ?"
            + " where id = ? and last_event_sequence < ?",
        event.email(),
        event.displayName(),
        utc(at),
        sequence,
        event.userId(),
        sequence);
  }

  /**
   * Replay starts from an empty table; the reset runs in the transaction that resets the tokens.
   */
  @ResetHandler
  void reset() {
    jdbc.update("delete from user_view");
  }

  private void update(String assignment, Object value, String userId, Instant at, long sequence) {
    jdbc.update(
        "update user_view set "
            + assignment
            + ", updated_at = ?, last_event_sequence = ? where id = ? and last_event_sequence < ?",
        value,
        utc(at),
        sequence,
        userId,
        sequence);
  }
}
