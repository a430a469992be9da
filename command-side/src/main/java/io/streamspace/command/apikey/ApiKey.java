package io.streamspace.command.apikey;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.events.apikey.ApiKeyIssued;
import io.streamspace.events.apikey.ApiKeyRevoked;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One API key's history (issued, revoked), so each change is an event with its actor in the audit
 * trail. The secret's hash lives only in the {@code api_key} table, which {@link ApiKeyHandler}
 * writes in the same unit of work; the events never carry it.
 */
@Aggregate(commandTargetResolver = PublishedLanguageTargetResolver.BEAN_NAME)
public class ApiKey {

  @AggregateIdentifier private String keyId;
  private String organizationId;
  private String userId;
  private String prefix;
  private boolean revoked;

  protected ApiKey() {
    // for Axon
  }

  ApiKey(ApiKeyIssued issued) {
    apply(issued);
  }

  void revoke() {
    if (revoked) {
      throw ApiKeyHandler.alreadyRevoked(keyId);
    }
    apply(new ApiKeyRevoked(keyId, organizationId, userId, prefix));
  }

  @EventSourcingHandler
  void on(ApiKeyIssued event) {
    keyId = event.keyId();
    organizationId = event.organizationId();
    userId = event.userId();
    prefix = event.prefix();
  }

  @EventSourcingHandler
  void on(ApiKeyRevoked event) {
    revoked = true;
  }
}
