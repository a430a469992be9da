package io.streamspace.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.agent.AgentTokenRevoked;
import io.streamspace.server.support.IntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The audit log keeps every event, also one whose transaction committed after a later event's: the
 * processors see it fill a gap, and its delivery token then names the later event's position.
 */
class AuditOfLateCommitsTest extends IntegrationTest {

  @Autowired DataSource dataSource;

  @Autowired
  @Qualifier("eventSerializer")
  Serializer serializer;

  @Test
  void anEventThatCommitsAfterALaterOneIsStillInTheAuditLogAtItsOwnPosition() throws Exception {
    String early = UUID.randomUUID().toString();
    String late = UUID.randomUUID().toString();
    try (Connection slow = dataSource.getConnection();
        Connection quick = dataSource.getConnection()) {
      slow.setAutoCommit(false);
      long earlyIndex = append(slow, early);
      long lateIndex = append(quick, late); // autocommit: committed first, with the higher index
      assertThat(lateIndex).isGreaterThan(earlyIndex);

      awaitAudited(late, lateIndex);
      slow.commit();
      awaitAudited(early, earlyIndex);
    }
  }

  private void awaitAudited(String eventId, long globalIndex) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForList(
                            "select global_index from audit_log where event_id = ?",
                            Long.class,
                            eventId))
                    .containsExactly(globalIndex));
  }

  /** Appends an event as Axon's JDBC engine stores one, on {@code connection}; its global index. */
  private long append(Connection connection, String eventId) throws Exception {
    AgentTokenRevoked payload = new AgentTokenRevoked(UUID.randomUUID().toString(), "late");
    MetaData metaData = MetaData.from(Map.of("actor_id", "root", "request_id", "test-" + eventId));
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into domain_event_entry (event_identifier, meta_data, payload,"
                + " payload_revision, payload_type, time_stamp, aggregate_identifier,"
                + " sequence_number, type) values (?, ?, ?, '1', ?, ?, ?, 0, 'AgentToken')"
                + " returning global_index")) {
      insert.setString(1, eventId);
      insert.setBytes(2, serializer.serialize(metaData, byte[].class).getData());
      insert.setBytes(3, serializer.serialize(payload, byte[].class).getData());
      insert.setString(4, AgentTokenRevoked.class.getName());
      insert.setString(5, Instant.now().toString());
      insert.setString(6, payload.tokenId());
      try (var rows = insert.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
