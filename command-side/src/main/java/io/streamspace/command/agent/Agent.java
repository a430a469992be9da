package io.streamspace.command.agent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.events.agent.AgentConnected;
import io.streamspace.events.agent.AgentDisconnected;
import io.streamspace.events.agent.ConnectAgent;
import io.streamspace.events.agent.DisconnectAgent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One agent's connection history: connected with a backend and capacity, disconnected with a
 * reason. Each connection has its own id, so the late close of a replaced connection never marks
 * the agent's newer connection disconnected.
 */
@Aggregate(commandTargetResolver = PublishedLanguageTargetResolver.BEAN_NAME)
public class Agent {

  @AggregateIdentifier private String agentId;
  private String connectionId;

  protected Agent() {
    // for Axon
  }

  @CommandHandler
  @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
  void handle(ConnectAgent command) {
    apply(
        new AgentConnected(
            command.agentId(),
            command.tokenId(),
            command.backend(),
            command.capacity(),
            command.version(),
            command.connectionId()));
  }

  /** Ends the named connection; an older connection's end, or a second one, changes nothing. */
  @CommandHandler
  boolean handle(DisconnectAgent command) {
    if (connectionId == null || !connectionId.equals(command.connectionId())) {
      return false;
    }
    apply(new AgentDisconnected(agentId, command.connectionId(), command.reason()));
    return true;
  }

  @EventSourcingHandler
  void on(AgentConnected event) {
    agentId = event.agentId();
    connectionId = event.connectionId();
  }

  @EventSourcingHandler
  void on(AgentDisconnected event) {
    connectionId = null;
  }
}
