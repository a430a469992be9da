package io.streamspace.bench.minimal;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** The reference application's one aggregate, event-sourced from the JDBC event store. */
@Aggregate
public class OpenedSession {

  @AggregateIdentifier private String sessionId;
  private boolean closed;

  protected OpenedSession() {}

  @CommandHandler
  public OpenedSession(OpenSession command) {
    if (command.templateId() == null || command.templateId().isBlank()) {
      throw new IllegalArgumentException("template_id is required");
    }
    apply(new SessionOpened(command.sessionId(), command.templateId(), Instant.now()));
  }

  @CommandHandler
  void handle(CloseSession command) {
    if (closed) {
      throw new IllegalStateException("session " + sessionId + " is closed already");
    }
    apply(new SessionClosed(sessionId, Instant.now()));
  }

  @EventSourcingHandler
  void on(SessionOpened event) {
    sessionId = event.sessionId();
  }

  @EventSourcingHandler
  void on(SessionClosed event) {
    closed = true;
  }
}
