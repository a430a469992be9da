package io.streamspace.bench.minimal;

import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reference application's one projection: a row per session with its status, written in the
 * processor's token transaction and idempotent on redelivery, as StreamSpace's read models are.
 */
@Component
@ProcessingGroup(OpenedSessionsProjection.PROCESSOR)
class OpenedSessionsProjection {

  static final String PROCESSOR = "opened-sessions";

  private final JdbcTemplate jdbc;

  OpenedSessionsProjection(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @EventHandler
  void on(SessionOpened event) {
    jdbc.update(
        "insert into opened_session (id, template_id, status, opened_at) values (?, ?, ?, ?)"
            + " on conflict (id) do nothing",
        event.sessionId(),
        event.templateId(),
        "pending",
        Timestamp.from(event.openedAt()));
  }

  @EventHandler
  void on(SessionClosed event) {
    jdbc.update("update opened_session set status = 'stopped' where id = ?", event.sessionId());
  }
}
