package io.streamspace.query.live;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a {@link LiveChange} to every replica with PostgreSQL's {@code NOTIFY}, inside the
 * projection's transaction: PostgreSQL delivers it only when that transaction commits, so a
 * listener that reads the row afterwards sees the change, and a batch that rolls back announces
 * nothing.
 */
@Component
public class LiveNotices {

  /** The channel every replica listens on. */
  public static final String CHANNEL = "streamspace_live";

  private final JdbcTemplate jdbc;

  public LiveNotices(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  void announce(LiveChange change) {
    jdbc.query("select pg_notify(?, ?)", rs -> null, CHANNEL, change.encode());
  }
}
