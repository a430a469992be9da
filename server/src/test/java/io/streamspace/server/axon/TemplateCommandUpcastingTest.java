package io.streamspace.server.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.template.TemplateCreated;
import io.streamspace.events.template.TemplateDefinition;
import io.streamspace.events.template.TemplateUpdated;
import io.streamspace.server.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Events stored in their revision-1 shape, with the command as one string, are still read as the
 * current records through the upcaster: every event that carries a template definition.
 */
class TemplateCommandUpcastingTest extends IntegrationTest {

  private static final String REVISION_ONE_DEFINITION =
      """
      {"name":"old-xterm","display_name":"Old xterm","description":"stored by revision 1",
       "category":"terminals","tags":["shell"],"icon_url":null,"image":null,
       "command":"xterm -title 'My Term' -fa Monospace",
       "default_resources":{"cpu_millis":500,"memory_mb":256},"vnc_port":5900,
       "environment":{}}
      """;

  @Autowired EventStore eventStore;

  @Test
  void aRevisionOneTemplateHistoryIsReadWithItsCommandsSplitIntoArguments() {
    String templateId = newId();
    storeRevisionOne(
        templateId,
        0,
        TemplateCreated.class,
        "{\"template_id\":\"%s\",\"organization_id\":\"org-old\",\"definition\":%s}"
            .formatted(templateId, REVISION_ONE_DEFINITION));
    storeRevisionOne(
        templateId,
        1,
        TemplateUpdated.class,
        "{\"template_id\":\"%s\",\"organization_id\":\"org-old\",\"definition\":%s}"
            .formatted(
                templateId,
                REVISION_ONE_DEFINITION.replace("-fa Monospace", "-bg \\\"dark blue\\\"")));

    List<? extends DomainEventMessage<?>> events =
        eventStore.readEvents(templateId).asStream().toList();

    assertThat(events).hasSize(2);
    TemplateCreated created = (TemplateCreated) events.get(0).getPayload();
    assertThat(created.definition().command())
        .containsExactly("xterm", "-title", "My Term", "-fa", "Monospace");
    assertThat(created.definition().name()).isEqualTo("old-xterm");
    assertThat(created.organizationId()).isEqualTo("org-old");
    TemplateUpdated updated = (TemplateUpdated) events.get(1).getPayload();
    assertThat(updated.definition().command())
        .containsExactly("xterm", "-title", "My Term", "-bg", "dark blue");
  }

  @Test
  void aRevisionOneSessionKeepsItsCopyOfTheTemplateReadable() {
    String sessionId = newId();
    storeRevisionOne(
        sessionId,
        0,
        SessionCreated.class,
        ("{\"session_id\":\"%s\",\"organization_id\":\"org-old\",\"user_id\":\"u-1\","
                + "\"template_id\":\"t-1\",\"template\":%s,"
                + "\"resources\":{\"cpu_millis\":500,\"memory_mb\":256}}")
            .formatted(sessionId, REVISION_ONE_DEFINITION));

    SessionCreated created =
        (SessionCreated) eventStore.readEvents(sessionId).asStream().toList().get(0).getPayload();

    TemplateDefinition template = created.template();
    assertThat(template.command())
        .containsExactly("xterm", "-title", "My Term", "-fa", "Monospace");
    assertThat(created.userId()).isEqualTo("u-1");
    assertThat(created.waitingReason()).isNull(); // through revision 2 to 3
  }

  @Test
  void currentTemplateEventsAreStoredAsRevisionTwoAndSessionCreatedAsThree() {
    assertThat(new PublishedLanguageRevisionResolver().revisionOf(TemplateCreated.class))
        .isEqualTo("2");
    assertThat(new PublishedLanguageRevisionResolver().revisionOf(TemplateUpdated.class))
        .isEqualTo("2");
    assertThat(new PublishedLanguageRevisionResolver().revisionOf(SessionCreated.class))
        .isEqualTo("3");
  }

  private void storeRevisionOne(String aggregateId, long sequence, Class<?> type, String payload) {
    jdbc.update(
        "insert into domain_event_entry (event_identifier, payload, payload_revision, payload_type,"
            + " time_stamp, aggregate_identifier, sequence_number, type, meta_data)"
            + " values (?, ?, '1', ?, ?, ?, ?, ?, ?)",
        newId(),
        payload.getBytes(StandardCharsets.UTF_8),
        type.getName(),
        Instant.parse("2025-01-01T00:00:00Z").plusSeconds(sequence).toString(),
        aggregateId,
        sequence,
        type == SessionCreated.class ? "Session" : "Template",
        "{}".getBytes(StandardCharsets.UTF_8));
  }
}
