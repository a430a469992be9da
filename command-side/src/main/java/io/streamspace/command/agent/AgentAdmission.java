package io.streamspace.command.agent;

import io.streamspace.events.agent.AgentConnectionRefused;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.AgentSetup;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides whether a connecting agent gets in: a well-formed setup, a protocol revision this server
 * speaks, and a valid, unrevoked agent token. A refusal is logged and audited (at most {@link
 * #AUDITED_REFUSALS_PER_MINUTE} a minute, so nobody can flood the event store by knocking).
 */
@Component
class AgentAdmission {

  static final int AUDITED_REFUSALS_PER_MINUTE = 60;
  private static final Logger log = LoggerFactory.getLogger(AgentAdmission.class);

  private final AgentCredentials credentials;
  private final EventGateway events;
  private final AtomicLong windowStart = new AtomicLong();
  private final AtomicLong refusalsInWindow = new AtomicLong();

  AgentAdmission(AgentCredentials credentials, EventGateway events) {
    this.credentials = credentials;
    this.events = events;
  }

  /** An admitted agent: what it said about itself and the token it proved. */
  record Admitted(AgentSetup setup, AgentCredential credential) {}

  /**
   * Admits the agent or throws {@link org.springframework.messaging.rsocket.RSocketRequester}'s
   * setup rejection with the reason. Blocking: checks the token in the database.
   */
  Admitted admit(String setupJson) {
    AgentSetup setup;
    try {
      setup = AgentWire.MAPPER.readValue(setupJson, AgentSetup.class);
    } catch (RuntimeException e) {
      throw refuse(null, "the setup is not a valid agent setup");
    }
    if (setup == null) {
      throw refuse(null, "the setup is empty");
    }
    if (!AgentEndpoint.isValidAgentId(setup.agentId())) {
      throw refuse(
          null, "the agent id must be 1-128 letters, digits, '.', '_' or '-', starting alnum");
    }
    if (setup.backend() == null || setup.capacity() == null) {
      throw refuse(setup.agentId(), "the setup must name the backend and the capacity");
    }
    if (setup.version() == null
        || !(setup.version().equals(AgentProtocol.VERSION)
            || setup.version().startsWith(AgentProtocol.VERSION + "."))) {
      throw refuse(
          setup.agentId(),
          "protocol version "
              + setup.version()
              + " is not spoken here ("
              + AgentProtocol.VERSION
              + ")");
    }
    if (setup.token() == null || setup.token().isBlank()) {
      throw refuse(setup.agentId(), "no agent token was presented");
    }
    AgentCredential credential =
        credentials
            .verify(setup.token())
            .orElseThrow(() -> refuse(setup.agentId(), "the agent token is unknown or revoked"));
    return new Admitted(setup, credential);
  }

  private io.rsocket.exceptions.RejectedSetupException refuse(String agentId, String reason) {
    log.warn("agent {} refused at setup: {}", agentId == null ? "(unnamed)" : agentId, reason);
    if (mayAudit()) {
      try {
        events.publish(new AgentConnectionRefused(agentId, reason, null));
      } catch (RuntimeException e) {
        log.warn("the refusal of agent {} could not be audited", agentId, e);
      }
    }
    return new io.rsocket.exceptions.RejectedSetupException(reason);
  }

  private boolean mayAudit() {
    long now = System.nanoTime();
    long start = windowStart.get();
    if (now - start > Duration.ofMinutes(1).toNanos() && windowStart.compareAndSet(start, now)) {
      refusalsInWindow.set(0);
    }
    return refusalsInWindow.incrementAndGet() <= AUDITED_REFUSALS_PER_MINUTE;
  }
}
