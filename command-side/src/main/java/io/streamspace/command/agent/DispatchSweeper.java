package io.streamspace.command.agent;

import io.streamspace.command.agent.DispatchStore.ConnectedAgent;
import io.streamspace.command.agent.DispatchStore.PlacedSession;
import io.streamspace.command.common.CommandSender;
import io.streamspace.events.agent.DisconnectAgent;
import io.streamspace.events.common.Requester;
import io.streamspace.events.session.AssignSession;
import io.streamspace.events.session.FailSession;
import io.streamspace.events.session.HibernateSession;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.events.session.StopSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What must happen with time rather than on an event: agents that went silent are disconnected,
 * sessions that waited too long for an agent or to start fail with the reason, placements whose
 * command got lost are sent again, heartbeats are written, and open orders stored by another
 * replica reach the agents connected here. Every step is safe to run on several replicas at once.
 */
@Component
class DispatchSweeper implements SmartLifecycle {

  private static final Duration UNCONFIRMED_GRACE = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(DispatchSweeper.class);

  private final AgentProperties properties;
  private final AgentLinks links;
  private final AgentEndpoint endpoint;
  private final AgentPresence presence;
  private final DispatchStore store;
  private final OrderSender orders;
  private final CommandSender commands;
  private final IdleProperties idle;
  private ScheduledExecutorService timer;

  DispatchSweeper(
      AgentProperties properties,
      AgentLinks links,
      AgentEndpoint endpoint,
      AgentPresence presence,
      DispatchStore store,
      OrderSender orders,
      CommandSender commands,
      IdleProperties idle) {
    this.properties = properties;
    this.links = links;
    this.endpoint = endpoint;
    this.presence = presence;
    this.store = store;
    this.orders = orders;
    this.commands = commands;
    this.idle = idle;
  }

  /** One round of every check; each check's failure is logged and the others still run. */
  void sweep() {
    step("silent agents here", this::disconnectSilentLinks);
    step("heartbeats", presence::flush);
    step("silent agents elsewhere", this::disconnectSilentAgents);
    step("lost placements", this::resendUnconfirmedPlacements);
    step("pending timeout", this::failLongPending);
    step("starting timeout", this::failLongStarting);
    step("idle sessions", this::putIdleSessionsAway);
    step("open orders", orders::pumpAll);
  }

  private void disconnectSilentLinks() {
    long limit = properties.silenceLimit().toNanos();
    long now = System.nanoTime();
    for (AgentLink link : List.copyOf(links.all())) {
      if (now - link.lastHeardNanos > limit && links.remove(link)) {
        endpoint.disconnect(link, "missed " + properties.missedHeartbeats() + " heartbeats");
        link.close();
      }
    }
  }

  /** Agents connected to a replica that went away: nobody hears them, nobody disconnects them. */
  private void disconnectSilentAgents() {
    Instant cutoff =
        Instant.now().minus(properties.silenceLimit()).minus(properties.sweepInterval());
    for (ConnectedAgent agent : store.connectedAgentsWithLastSign()) {
      if (agent.lastSign().isBefore(cutoff) && !links.isConnectedHere(agent.agentId())) {
        commands
            .send(
                new DisconnectAgent(
                    agent.agentId(),
                    agent.connectionId(),
                    "missed " + properties.missedHeartbeats() + " heartbeats"),
                PlatformCallers.dispatcher())
            .block(Duration.ofSeconds(30));
      }
    }
  }

  private void resendUnconfirmedPlacements() {
    for (PlacedSession session : store.unconfirmedSince(Instant.now().minus(UNCONFIRMED_GRACE))) {
      send(new AssignSession(session.sessionId(), session.agentId(), session.startCommandId()));
    }
  }

  private void failLongPending() {
    Instant cutoff = Instant.now().minus(properties.pendingTimeout());
    for (PlacedSession session : store.inStatusSince(SessionStatus.PENDING, cutoff, true)) {
      String why =
          session.waitingReason() != null
              ? session.waitingReason()
              : "agent " + session.agentId() + " did not take it";
      send(
          new FailSession(
              session.sessionId(),
              Requester.system(session.organizationId()),
              "no agent started it within "
                  + describe(properties.pendingTimeout())
                  + " ("
                  + why
                  + ")"));
    }
  }

  private void failLongStarting() {
    Instant cutoff = Instant.now().minus(properties.startingTimeout());
    for (PlacedSession session : store.inStatusSince(SessionStatus.STARTING, cutoff, false)) {
      send(
          new FailSession(
              session.sessionId(),
              Requester.system(session.organizationId()),
              "agent "
                  + session.agentId()
                  + " did not get it running within "
                  + describe(properties.startingTimeout())));
    }
  }

  /**
   * Hibernates sessions nobody watched for their idle limit and stops those hibernated for the
   * second one. A session someone watches through the VNC proxy is never idle.
   */
  private void putIdleSessionsAway() {
    for (PlacedSession session :
        store.idleIn(
            SessionStatus.RUNNING,
            "idle_hibernate_after_seconds",
            idle.hibernateAfter().toSeconds())) {
      send(
          new HibernateSession(
              session.sessionId(),
              Requester.system(session.organizationId()),
              "idle: no viewer connected for " + describe(session.idleHibernateAfter(idle))));
    }
    for (PlacedSession session :
        store.idleIn(
            SessionStatus.HIBERNATED, "idle_stop_after_seconds", idle.stopAfter().toSeconds())) {
      send(
          new StopSession(
              session.sessionId(),
              Requester.system(session.organizationId()),
              "idle: hibernated without a viewer for " + describe(session.idleStopAfter(idle))));
    }
  }

  private void send(Object command) {
    try {
      commands.send(command, PlatformCallers.dispatcher()).block(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      log.debug("{} not applied: {}", command, e.getMessage());
    }
  }

  static String describe(Duration duration) {
    if (duration.toSeconds() % 3600 == 0) {
      return duration.toHours() + " h";
    }
    return duration.toSeconds() % 60 == 0
        ? duration.toMinutes() + " min"
        : duration.toSeconds() + " s";
  }

  private static void step(String name, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      log.warn("agent sweep step '{}' failed", name, e);
    }
  }

  @Override
  public synchronized void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "agent-sweeper");
              thread.setDaemon(true);
              return thread;
            });
    long period = properties.sweepInterval().toMillis();
    timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return timer != null;
  }
}
