package io.streamspace.server.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionWaiting;
import io.streamspace.server.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A session stored by revision 2 said why it waited from its creation on in the event's metadata,
 * and again in a {@code SessionWaiting}: read now, its {@code SessionCreated} carries the reason.
 */
class WaitingAtCreationUpcastingTest extends IntegrationTest {

  private static final String REASON = "waiting for an agent: none is connected";

  @Autowired EventStore eventStore;

  @Test
  void aRevisionTwoSessionCreatedWaitingTakesItsReasonFromItsMetadata() {
    String sessionId = newId();
    store(
        sessionId,
        0,
        SessionCreated.class,
        "2",
        revisionTwoCreated(sessionId),
        "{\"waiting_at_creation\":\"" + REASON + "\",\"actor_id\":\"u-1\"}");
    store(
        sessionId,
        1,
        SessionWaiting.class,
        "1",
        "{\"session_id\":\"%s\",\"organization_id\":\"org-old\",\"reason\":\"%s\"}"
            .formatted(sessionId, REASON),
        "{}");

    List<?> payloads =
        eventStore.readEvents(sessionId).asStream().map(event -> event.getPayload()).toList();

    assertThat(payloads).hasSize(2);
    SessionCreated created = (SessionCreated) payloads.get(0);
    assertThat(created.waitingReason()).isEqualTo(REASON);
    assertThat(created.template().command()).containsExactly("xterm");
    assertThat(((SessionWaiting) payloads.get(1)).reason()).isEqualTo(REASON);
  }

  @Test
  void aRevisionTwoSessionCreatedLeftToTheDispatcherWaitsForNoReason() {
    String sessionId = newId();
    store(sessionId, 0, SessionCreated.class, "2", revisionTwoCreated(sessionId), "{}");

    SessionCreated created =
        (SessionCreated) eventStore.readEvents(sessionId).asStream().toList().get(0).getPayload();

    assertThat(created.waitingReason()).isNull();
    assertThat(created.userId()).isEqualTo("u-1");
  }

  private static String revisionTwoCreated(String sessionId) {
    return ("{\"session_id\":\"%s\",\"organization_id\":\"org-old\",\"user_id\":\"u-1\","
            + "\"template_id\":\"t-1\",\"template\":{\"name\":\"xterm\",\"display_name\":\"xterm\","
            + "\"description\":null,\"category\":null,\"tags\":[],\"icon_url\":null,\"image\":null,"
            + "\"command\":[\"xterm\"],\"default_resources\":{\"cpu_millis\":500,\"memory_mb\":256},"
            + "\"vnc_port\":5900,\"environment\":{}},"
            + "\"resources\":{\"cpu_millis\":500,\"memory_mb\":256}}")
        .formatted(sessionId);
  }

  private void store(
      String sessionId,
      long sequence,
      Class<?> type,
      String revision,
      String payload,
      String metadata) {
    jdbc.update(
        "insert into domain_event_entry (event_identifier, payload, payload_revision, payload_type,"
            + " time_stamp, aggregate_identifier, sequence_number, type, meta_data)"
            + " values (?, ?, ?, ?, ?, ?, ?, 'Session', ?)",
        newId(),
        payload.getBytes(StandardCharsets.UTF_8),
        revision,
        type.getName(),
        Instant.parse("2026-06-01T00:00:00Z").plusSeconds(sequence).toString(),
        sessionId,
        sequence,
        metadata.getBytes(StandardCharsets.UTF_8));
  }
}
