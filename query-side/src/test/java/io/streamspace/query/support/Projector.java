package io.streamspace.query.support;

import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

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

  /**
   * Delivers the messages as one batch of a processor: one unit of work around them all, which
   * commits after the last, so what a projection gathers for the batch is written as it ends.
   */
  public Projector applyAsOneBatch(EventMessage<?>... messages) {
    BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(messages));
    var result =
        batch.executeWithResult(
            () -> {
              adapter.handle(batch.getMessage());
              return null;
            },
            RollbackConfigurationType.ANY_THROWABLE);
    if (result.isExceptional()) {
      throw new IllegalStateException("projection failed on a batch", result.exceptionResult());
    }
    return this;
  }

  public Projector reset() {
    adapter.prepareReset();
    return this;
  }
}
