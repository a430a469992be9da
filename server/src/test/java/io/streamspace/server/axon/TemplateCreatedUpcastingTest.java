package io.streamspace.server.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.template.TemplateCreated;
import io.streamspace.server.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An event stored in an old shape is still read, as the current record, through the upcaster. */
class TemplateCreatedUpcastingTest extends IntegrationTest {

  @Autowired EventStore eventStore;

  @Test
  void aRevisionOneTemplateCreatedIsReadWithItsCommandSplitIntoArguments() {
    String templateId = newId();
    String revisionOnePayload =
        """
        {"template_id":"%s","organization_id":"org-old","definition":{
          "name":"old-xterm","display_name":"Old xterm","description":"stored by revision 1",
          "category":"terminals","tags":["shell"],"icon_url":null,"image":null,
          "command":"xterm -title 'My Term' -fa Monospace",
          "default_resources":{"cpu_millis":500,"memory_mb":256},"vnc_port":5900,
          "environment":{}}}
        """
            .formatted(templateId);
    jdbc.update(
        "insert into domain_event_entry (event_identifier, payload, payload_revision, payload_type,"
            + " time_stamp, aggregate_identifier, sequence_number, type, meta_data)"
            + " values (?, ?, '1', ?, ?, ?, 0, 'Template', ?)",
        newId(),
        revisionOnePayload.getBytes(StandardCharsets.UTF_8),
        TemplateCreated.class.getName(),
        Instant.parse("2025-01-01T00:00:00Z").toString(),
        templateId,
        "{}".getBytes(StandardCharsets.UTF_8));

    List<? extends DomainEventMessage<?>> events =
        eventStore.readEvents(templateId).asStream().toList();

    assertThat(events).hasSize(1);
    TemplateCreated created = (TemplateCreated) events.get(0).getPayload();
    assertThat(created.definition().command())
        .containsExactly("xterm", "-title", "My Term", "-fa", "Monospace");
    assertThat(created.definition().name()).isEqualTo("old-xterm");
    assertThat(created.organizationId()).isEqualTo("org-old");
  }
}
