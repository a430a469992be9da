package io.streamspace.query.live;

import io.streamspace.query.projection.BatchWrites;
import java.sql.PreparedStatement;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a {@link LiveChange} to every replica with PostgreSQL's {@code NOTIFY}, inside the
 * projection's transaction: PostgreSQL delivers it only when that transaction commits, so a
 * listener that reads the row afterwards sees the change, and a batch that rolls back announces
 * nothing. A batch's notices go out in one statement as it commits (PostgreSQL would fold
 * duplicates within a transaction anyway).
 */
@Component
public class LiveNotices {

  /** The channel every replica listens on. */
  public static final String CHANNEL = "streamspace_live";

  private static final String PENDING = LiveNotices.class.getName() + ".pending";

  private final JdbcTemplate jdbc;

  public LiveNotices(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  void announce(LiveChange change) {
    // A processor's batch: one statement for all its notices, just before the batch commits.
    Set<String> pending = BatchWrites.gathered(PENDING, LinkedHashSet::new, this::send);
    if (pending != null) {
      pending.add(change.encode());
    } else {
      send(Set.of(change.encode()));
    }
  }

  private void send(Set<String> notices) {
    if (notices.isEmpty()) {
      return;
    }
    jdbc.query(
        connection -> {
          PreparedStatement statement =
              connection.prepareStatement("select pg_notify(?, notice) from unnest(?) notice");
          statement.setString(1, CHANNEL);
          statement.setArray(2, connection.createArrayOf("text", notices.toArray(String[]::new)));
          return statement;
        },
        rs -> {});
  }
}
