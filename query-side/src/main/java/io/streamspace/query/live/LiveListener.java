package io.streamspace.query.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Hears the {@link LiveNotices} of every replica: one JDBC connection per replica, held for {@code
 * LISTEN}, on a thread of its own (pgjdbc only receives notices while it is asked for them).
 *
 * <p>Notices sent while the connection was down are lost, so after every (re)connect it passes on a
 * {@link #RESYNC}: clients then read their lists afresh instead of trusting a gap.
 */
@Component
public class LiveListener implements SmartLifecycle {

  /** Not a change but "you may have missed some": read everything again. */
  public static final LiveChange RESYNC = new LiveChange("resync", "*");

  private static final Logger log = LoggerFactory.getLogger(LiveListener.class);
  private static final int POLL_MILLIS = 500;

  private final DataSource dataSource;
  private final LiveProperties properties;
  private final Sinks.Many<LiveChange> changes = Sinks.many().multicast().directBestEffort();
  private volatile boolean running;
  private volatile boolean listening;
  private Thread thread;

  public LiveListener(DataSource dataSource, LiveProperties properties) {
    this.dataSource = dataSource;
    this.properties = properties;
  }

  /** The changes every replica announces, from now on (hot: nothing is replayed). */
  public Flux<LiveChange> changes() {
    return changes.asFlux();
  }

  /** True while the listening connection is up. */
  public boolean listening() {
    return listening;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::listen, "live-listener");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    if (thread != null) {
      try {
        thread.join(POLL_MILLIS * 4L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void listen() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + LiveNotices.CHANNEL);
        }
        PGConnection postgres = connection.unwrap(PGConnection.class);
        listening = true;
        emit(RESYNC);
        while (running) {
          PGNotification[] notices = postgres.getNotifications(POLL_MILLIS);
          if (notices == null) {
            continue;
          }
          for (PGNotification notice : notices) {
            LiveChange change = LiveChange.decode(notice.getParameter());
            if (change != null) {
              emit(change);
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          log.warn(
              "live updates: listening failed ({}); again in {}",
              e.getMessage(),
              properties.reconnectPause());
        }
      } finally {
        listening = false;
      }
      pause();
    }
  }

  private void emit(LiveChange change) {
    // One thread emits: no concurrent emission to guard against. No subscriber is not an error.
    changes.tryEmitNext(change);
  }

  private void pause() {
    if (!running) {
      return;
    }
    try {
      Thread.sleep(properties.reconnectPause().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
