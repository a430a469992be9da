package io.streamspace.command.agent;

import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.BackendKind;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.messaging.rsocket.RSocketRequester;

/**
 * One live agent connection on this replica: how to reach the agent, when it last spoke, and which
 * orders this connection has already been given (a new connection is given them all again).
 */
final class AgentLink {

  final String agentId;
  final String connectionId;
  final BackendKind backend;
  final AgentCapacity capacity;
  final String version;
  final String remoteAddress;
  final RSocketRequester requester;
  final Set<String> ordersSent = ConcurrentHashMap.newKeySet();
  final AtomicBoolean pumping = new AtomicBoolean();
  final AtomicBoolean pumpAgain = new AtomicBoolean();
  volatile boolean reconciled;
  volatile long lastHeardNanos;

  AgentLink(
      String agentId,
      String connectionId,
      BackendKind backend,
      AgentCapacity capacity,
      String version,
      String remoteAddress,
      RSocketRequester requester,
      long nowNanos) {
    this.agentId = agentId;
    this.connectionId = connectionId;
    this.backend = backend;
    this.capacity = capacity;
    this.version = version;
    this.remoteAddress = remoteAddress;
    this.requester = requester;
    this.lastHeardNanos = nowNanos;
  }

  /** Closes the connection; the agent reconnects by itself. */
  void close() {
    requester.dispose();
  }
}
