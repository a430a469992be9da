package io.streamspace.query.support;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;

/**
 * Delivers messages to a projection the way a processor does: through Axon's annotation adapter, so
 * the handlers' parameter resolution ({@code @Timestamp}, {@code @SequenceNumber}, messages) is
 * exercised too.
 */
public final class Projector {

  private final AnnotationEventHandlerAdapter adapter;

  public Projector(Object projection) {
    this.adapter = new AnnotationEventHandlerAdapter(projection);
  }

  public Projector apply(EventMessage<?>... messages) {
    for (EventMessage<?> message : messages) {
      try {
        adapter.handle(message);
      } catch (Exception e) {
        throw new IllegalStateException("projection failed on " + message.getPayloadType(), e);
      }
    }
    return this;
  }

  public Projector reset() {
    adapter.prepareReset();
    return this;
  }
}
