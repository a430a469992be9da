package io.streamspace.query.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Resources;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionFailed;
import io.streamspace.events.session.SessionHibernated;
import io.streamspace.events.session.SessionResumed;
import io.streamspace.events.session.SessionRunning;
import io.streamspace.events.session.SessionStarting;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.query.support.EventLog;
import io.streamspace.query.support.Projector;
import io.streamspace.query.support.ReadModelDatabase;
import io.streamspace.query.support.Samples;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionProjectionTest {

  private final EventLog log = new EventLog().actor("alice", "acme");
  private Projector projector;

  @BeforeEach
  void emptyTables() {
    ReadModelDatabase.clear();
    projector = new Projector(new SessionProjection(ReadModelDatabase.dataSource()));
  }

  @Test
  void aCreatedSessionIsPendingWithItsTemplateAndResources() {
    projector.apply(created("s1", new Resources(1000, 512)));

    Map<String, Object> row = row("s1");
    assertThat(row)
        .containsEntry("organization_id", "acme")
        .containsEntry("user_id", "alice")
        .containsEntry("template_id", "t1")
        .containsEntry("template_name", "xterm")
        .containsEntry("status", "pending")
        .containsEntry("cpu_millis", 1000)
        .containsEntry("memory_mb", 512)
        .containsEntry("last_event_sequence", 0L);
    assertThat(instant(row, "created_at")).isEqualTo(log.now());
  }

  @Test
  void aSessionWithoutRequestedResourcesTakesTheTemplateDefaults() {
    projector.apply(created("s1", null));

    assertThat(row("s1")).containsEntry("cpu_millis", 500).containsEntry("memory_mb", 256);
  }

  @Test
  void eachTransitionMovesStatusReasonAgentAndEndpoint() {
    projector.apply(
        created("s1", null),
        log.next("Session", "s1", new SessionStarting("s1", "acme", "agent-1")),
        log.next("Session", "s1", new SessionRunning("s1", "acme", "10.0.0.5:5900")));
    assertThat(row("s1"))
        .containsEntry("status", "running")
        .containsEntry("agent_id", "agent-1")
        .containsEntry("vnc_endpoint", "10.0.0.5:5900");

    projector.apply(log.next("Session", "s1", new SessionHibernated("s1", "acme", "idle")));
    assertThat(row("s1"))
        .containsEntry("status", "hibernated")
        .containsEntry("status_reason", "idle")
        .containsEntry("vnc_endpoint", "10.0.0.5:5900");

    projector.apply(log.next("Session", "s1", new SessionResumed("s1", "acme", "user")));
    assertThat(row("s1")).containsEntry("status", "running").containsEntry("status_reason", "user");

    projector.apply(log.next("Session", "s1", new SessionStopped("s1", "acme", "done")));
    Map<String, Object> stopped = row("s1");
    assertThat(stopped)
        .containsEntry("status", "stopped")
        .containsEntry("status_reason", "done")
        .containsEntry("vnc_endpoint", null)
        .containsEntry("last_event_sequence", 5L);
    assertThat(instant(stopped, "updated_at")).isEqualTo(log.now());
  }

  @Test
  void aFailedSessionRecordsWhy() {
    projector.apply(
        created("s1", null),
        log.next("Session", "s1", new SessionFailed("s1", "acme", "image not found")));

    assertThat(row("s1"))
        .containsEntry("status", "failed")
        .containsEntry("status_reason", "image not found");
  }

  @Test
  void anEventDeliveredAgainChangesNothing() {
    TrackedEventMessage<?> created = created("s1", null);
    TrackedEventMessage<?> starting =
        log.next("Session", "s1", new SessionStarting("s1", "acme", "agent-1"));
    TrackedEventMessage<?> running =
        log.next("Session", "s1", new SessionRunning("s1", "acme", "10.0.0.5:5900"));
    projector.apply(created, starting, running);
    Map<String, Object> before = row("s1");

    projector.apply(created, starting);

    assertThat(row("s1")).isEqualTo(before);
  }

  @Test
  void aBatchKeepsEachSessionsOwnOrderHoweverTheSessionsInterleave() {
    projector.applyAsOneBatch(
        created("s1", null),
        created("s2", null),
        log.next("Session", "s1", new SessionStarting("s1", "acme", "agent-1")),
        log.next("Session", "s2", new SessionStopped("s2", "acme", "user")),
        log.next("Session", "s1", new SessionRunning("s1", "acme", "10.0.0.5:5900")),
        created("s3", null),
        log.next("Session", "s1", new SessionHibernated("s1", "acme", "idle")),
        log.next("Session", "s3", new SessionFailed("s3", "acme", "image not found")));

    assertThat(row("s1"))
        .containsEntry("status", "hibernated")
        .containsEntry("status_reason", "idle")
        .containsEntry("agent_id", "agent-1")
        .containsEntry("vnc_endpoint", "10.0.0.5:5900")
        .containsEntry("last_event_sequence", 3L);
    assertThat(row("s2")).containsEntry("status", "stopped").containsEntry("status_reason", "user");
    assertThat(row("s3"))
        .containsEntry("status", "failed")
        .containsEntry("status_reason", "image not found");
  }

  @Test
  void aBatchSendsItsCreatesAsOneStatementAndItsChangesAsAnother() {
    StatementCount statements = new StatementCount(ReadModelDatabase.dataSource());
    Projector batched = new Projector(new SessionProjection(statements.dataSource()));
    TrackedEventMessage<?>[] batch = new TrackedEventMessage<?>[6];
    for (int i = 0; i < 3; i++) {
      String id = "s" + i;
      batch[2 * i] = created(id, null);
      batch[2 * i + 1] = log.next("Session", id, new SessionStopped(id, "acme", "user"));
    }

    batched.applyAsOneBatch(batch);

    assertThat(statements.prepared()).isEqualTo(2);
    assertThat(
            ReadModelDatabase.jdbc()
                .queryForList("select status from session_view order by id", String.class))
        .containsExactly("stopped", "stopped", "stopped");
  }

  @Test
  void aResetEmptiesTheTableForTheReplay() {
    projector.apply(created("s1", null), created("s2", null));

    projector.reset();

    assertThat(
            ReadModelDatabase.jdbc()
                .queryForObject("select count(*) from session_view", Long.class))
        .isZero();
  }

  private TrackedEventMessage<?> created(String id, Resources resources) {
    return log.next(
        "Session", id, new SessionCreated(id, "acme", "alice", "t1", Samples.xterm(), resources));
  }

  private static Map<String, Object> row(String id) {
    return ReadModelDatabase.jdbc().queryForMap("select * from session_view where id = ?", id);
  }

  private static Instant instant(Map<String, Object> row, String column) {
    return ((java.sql.Timestamp) row.get(column)).toInstant();
  }

  /** Counts the statements a data source's connections prepare: one per round trip of writes. */
  private static final class StatementCount {
    private final DataSource target;
    private final AtomicInteger prepared = new AtomicInteger();

    StatementCount(DataSource target) {
      this.target = target;
    }

    int prepared() {
      return prepared.get();
    }

    DataSource dataSource() {
      return (DataSource)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {DataSource.class},
              (proxy, method, args) -> {
                Object result = invoke(target, method, args);
                return method.getName().equals("getConnection")
                    ? connection((Connection) result)
                    : result;
              });
    }

    private Connection connection(Connection connection) {
      return (Connection)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (method.getName().equals("prepareStatement")) {
                  prepared.incrementAndGet();
                }
                return invoke(connection, method, args);
              });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
