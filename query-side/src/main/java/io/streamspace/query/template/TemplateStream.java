package io.streamspace.query.template;

import io.streamspace.events.template.TemplateCreated;
import io.streamspace.events.template.TemplateDeleted;
import io.streamspace.events.template.TemplateUpdated;
import io.streamspace.query.projection.AggregateStreams;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A template as its own event stream in the event store says it is now: what answers for a template
 * that {@code template_view} does not hold yet, right after it was made or during a replay.
 */
@Service
public class TemplateStream {

  private final EventStore eventStore;

  public TemplateStream(EventStore eventStore) {
    this.eventStore = eventStore;
  }

  /**
   * Template {@code templateId} as {@link TemplateProjection} would show it once it has applied
   * every event; empty when there is no such template or it was deleted. Access rules are the
   * caller's to apply, as for a row of {@code template_view}.
   */
  public Mono<TemplateView> current(String templateId) {
    return AggregateStreams.read(eventStore, templateId)
        .flatMap(events -> Mono.justOrEmpty(fold(events)));
  }

  private static Optional<TemplateView> fold(List<DomainEventMessage<?>> events) {
    if (events.isEmpty() || !(events.get(0).getPayload() instanceof TemplateCreated created)) {
      return Optional.empty();
    }
    DomainEventMessage<?> first = events.get(0);
    TemplateView template =
        TemplateView.of(
            created.templateId(),
            created.organizationId(),
            created.definition(),
            first.getTimestamp(),
            first.getTimestamp());
    for (DomainEventMessage<?> event : events.subList(1, events.size())) {
      if (event.getPayload() instanceof TemplateUpdated updated) {
        template =
            TemplateView.of(
                template.id(),
                template.organizationId(),
                updated.definition(),
                template.createdAt(),
                event.getTimestamp());
      } else if (event.getPayload() instanceof TemplateDeleted) {
        return Optional.empty();
      }
    }
    return Optional.of(template);
  }
}
