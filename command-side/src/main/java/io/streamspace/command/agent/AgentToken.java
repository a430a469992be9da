package io.streamspace.command.agent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.events.agent.AgentTokenIssued;
import io.streamspace.events.agent.AgentTokenRevoked;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One agent token's history (issued, revoked), so each change is an event with its actor in the
 * audit trail. The secret's hash lives only in the {@code agent_token} table, which {@link
 * AgentTokenHandler} writes in the same unit of work; the events never carry it.
 */
@Aggregate(commandTargetResolver = PublishedLanguageTargetResolver.BEAN_NAME)
public class AgentToken {

  @AggregateIdentifier private String tokenId;
  private String name;
  private boolean revoked;

  protected AgentToken() {
    // for Axon
  }

  AgentToken(String tokenId, String name, String prefix) {
    apply(new AgentTokenIssued(tokenId, name, prefix));
  }

  void revoke() {
    if (revoked) {
      throw AgentTokenHandler.alreadyRevoked(tokenId);
    }
    apply(new AgentTokenRevoked(tokenId, name));
  }

  @EventSourcingHandler
  void on(AgentTokenIssued event) {
    tokenId = event.tokenId();
    name = event.name();
  }

  @EventSourcingHandler
  void on(AgentTokenRevoked event) {
    revoked = true;
  }
}
