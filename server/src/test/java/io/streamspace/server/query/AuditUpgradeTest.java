package io.streamspace.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.agent.AgentConnectionRefused;
import io.streamspace.events.common.AuditMetadata;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.server.persistence.PersistenceConfiguration.DatabaseCoordinates;
import io.streamspace.server.support.IntegrationTest;
import io.streamspace.server.support.OlderDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * A database from before ADR 0019, whose audit log was a read model of its own, upgrades to the log
 * in the event store: every stored event is filed as the log showed it, also those the read model
 * had not reached yet, and the read model's table, token and dead letters go.
 */
class AuditUpgradeTest extends IntegrationTest {

  @Autowired DatabaseCoordinates database;

  @Autowired
  @Qualifier("eventSerializer")
  Serializer serializer;

  @TempDir Path directory;

  private OlderDatabase older;

  @BeforeEach
  void aDatabaseWithTheAuditReadModel() {
    older = OlderDatabase.without(jdbc, database, directory, "211");
  }

  @AfterEach
  void dropIt() {
    older.close();
  }

  @Test
  void everyStoredEventIsFiledAsTheLogShowedIt() {
    long created =
        older.append(
            serializer,
            "Session",
            "s1",
            0,
            new SessionCreated("s1", "acme", "alice", "t1", ReadModelPipelineTest.xterm(), null),
            by("alice", "acme"));
    long stopped =
        older.append(
            serializer,
            "Session",
            "s1",
            1,
            new SessionStopped("s1", "acme", "done"),
            by("carol", "acme"));
    // published without an aggregate: filed under its own id, its resource in the payload
    long refused =
        older.append(
            serializer,
            null,
            "event-77",
            0,
            new AgentConnectionRefused("claimed-agent", "revoked agent token", "198.51.100.4"),
            MetaData.emptyInstance());
    // the read model had reached the first event only, and recorded it (its columns win)
    older.jdbc.update(
        "insert into audit_log (global_index, event_id, event_type, aggregate_type, resource_id,"
            + " aggregate_sequence, organization_id, actor_id, occurred_at, payload)"
            + " values (?, 'e1', 'SessionCreated', 'Session', 's1', 0, 'acme', 'alice-as-logged',"
            + " now(), '{}')",
        created);
    older.jdbc.update(
        "insert into token_entry (processor_name, segment, owner, timestamp)"
            + " values ('audit', 0, null, '2026-01-01T00:00:00Z'),"
            + " ('sessions', 0, null, '2026-01-01T00:00:00Z')");

    older.upgrade();

    assertThat(
            older.jdbc.queryForList(
                "select global_index, event_type, organization_id, actor_id, resource_id,"
                    + " occurred_at = time_stamp::timestamptz as timed"
                    + " from domain_event_entry order by global_index"))
        .containsExactly(
            row(created, "SessionCreated", "acme", "alice-as-logged", null),
            row(stopped, "SessionStopped", "acme", "carol", null),
            row(refused, "AgentConnectionRefused", null, null, "claimed-agent"));
    // the view keeps the old table's columns for SQL readers
    assertThat(
            older.jdbc.queryForList(
                "select resource_id from audit_log order by global_index", String.class))
        .containsExactly("s1", "s1", "claimed-agent");
    assertThat(
            older.jdbc.queryForObject(
                "select request_id from audit_log where global_index = ?", String.class, stopped))
        .isEqualTo("req-carol");
    assertThat(
            older.jdbc.queryForList(
                "select processor_name from token_entry order by processor_name", String.class))
        .containsExactly("sessions");
  }

  @Test
  void anEmptyDatabaseUpgradesToAnEmptyLog() {
    older.upgrade();

    assertThat(older.jdbc.queryForObject("select count(*) from audit_log", Integer.class)).isZero();
  }

  private static MetaData by(String actor, String organization) {
    return MetaData.from(
        Map.of(
            AuditMetadata.ACTOR_ID, actor,
            AuditMetadata.ORGANIZATION_ID, organization,
            AuditMetadata.REQUEST_ID, "req-" + actor));
  }

  private static Map<String, Object> row(
      long position, String type, String organization, String actor, String resource) {
    Map<String, Object> row = new HashMap<>();
    row.put("global_index", position);
    row.put("event_type", type);
    row.put("organization_id", organization);
    row.put("actor_id", actor);
    row.put("resource_id", resource);
    row.put("timed", true);
    return row;
  }
}
