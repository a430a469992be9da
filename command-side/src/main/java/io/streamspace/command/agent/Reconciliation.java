package io.streamspace.command.agent;

import io.streamspace.command.agent.DispatchStore.PlacedSession;
import io.streamspace.command.common.CommandSender;
import io.streamspace.command.common.ResourceIds;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.Inventory;
import io.streamspace.events.agent.OrderReceipt;
import io.streamspace.events.agent.StopSessionOrder;
import io.streamspace.events.common.Requester;
import io.streamspace.events.session.FailSession;
import io.streamspace.events.session.SessionStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings what an agent runs and what the platform wants of it together after each connect: a
 * session the agent runs that the platform does not place there is an orphan and is stopped; a
 * running or hibernated session the platform places there that the agent no longer runs is lost and
 * is marked failed. Pending and starting sessions need nothing here: their start order is still
 * open and is sent again.
 */
@Component
class Reconciliation {

  private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

  private final DispatchStore store;
  private final CommandSender commands;

  Reconciliation(DispatchStore store, CommandSender commands) {
    this.store = store;
    this.commands = commands;
  }

  /** Blocking: reads the dispatcher's tables and waits for the commands it sends. */
  void reconcile(AgentLink link, Inventory inventory) {
    Map<String, Inventory.Entry> actual =
        (inventory == null ? Inventory.empty() : inventory)
            .sessions().stream()
                .filter(entry -> entry != null && entry.sessionId() != null)
                .collect(
                    Collectors.toMap(Inventory.Entry::sessionId, Function.identity(), (a, b) -> a));
    Map<String, PlacedSession> wanted =
        store.liveOn(link.agentId).stream()
            .collect(Collectors.toMap(PlacedSession::sessionId, Function.identity()));

    for (String sessionId : actual.keySet()) {
      if (!wanted.containsKey(sessionId)) {
        stopOrphan(link, sessionId);
      }
    }
    Set<SessionStatus> mustBeThere = Set.of(SessionStatus.RUNNING, SessionStatus.HIBERNATED);
    for (PlacedSession session : wanted.values()) {
      if (mustBeThere.contains(session.status()) && !actual.containsKey(session.sessionId())) {
        markLost(link, session);
      }
    }
  }

  private void stopOrphan(AgentLink link, String sessionId) {
    log.warn(
        "agent {} runs session {}, which is not placed there: stopping it",
        link.agentId,
        sessionId);
    link.requester
        .route(AgentProtocol.STOP_SESSION)
        .data(
            new StopSessionOrder(
                "reconcile-" + ResourceIds.next(),
                sessionId,
                "the platform does not place this session on this agent"))
        .retrieveMono(OrderReceipt.class)
        .timeout(Duration.ofSeconds(30))
        .subscribe(
            receipt -> {},
            error -> log.debug("orphan stop to agent {} not delivered", link.agentId, error));
  }

  private void markLost(AgentLink link, PlacedSession session) {
    log.warn(
        "agent {} no longer runs session {}: marking it failed", link.agentId, session.sessionId());
    try {
      commands
          .send(
              new FailSession(
                  session.sessionId(),
                  Requester.system(session.organizationId()),
                  "lost: agent "
                      + link.agentId
                      + " no longer runs it (the agent restarted or the session died while it"
                      + " was away)"),
              PlatformCallers.agent(link.agentId, link.remoteAddress, link.version))
          .block(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      log.info("session {} not marked lost: {}", session.sessionId(), e.getMessage());
    }
  }
}
