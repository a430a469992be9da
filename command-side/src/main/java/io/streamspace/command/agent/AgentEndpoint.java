package io.streamspace.command.agent;

import io.streamspace.command.common.CommandSender;
import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.ResourceIds;
import io.streamspace.command.session.AgentReportRefused;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.AgentSetup;
import io.streamspace.events.agent.ConnectAgent;
import io.streamspace.events.agent.DisconnectAgent;
import io.streamspace.events.agent.Heartbeat;
import io.streamspace.events.agent.Inventory;
import io.streamspace.events.agent.ReportReceipt;
import io.streamspace.events.agent.ReportedStatus;
import io.streamspace.events.agent.SessionReport;
import io.streamspace.events.session.ReportSessionStatus;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.annotation.ConnectMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The server end of the agent protocol (see {@link AgentProtocol}): admits agents with a valid
 * token, turns their reports into session commands, keeps their heartbeats, and reconciles each new
 * connection before any order is sent on it.
 *
 * <p>A message that is malformed or impossible (an unknown session, another agent's session, a
 * transition that does not fit) is refused with a reason and logged; it changes nothing and the
 * connection stays up.
 */
@Controller
class AgentEndpoint {

  private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Logger log = LoggerFactory.getLogger(AgentEndpoint.class);

  private final AgentLinks links;
  private final AgentAdmission admission;
  private final CommandSender commands;
  private final Reconciliation reconciliation;
  private final OrderSender orders;
  private final AgentPresence presence;

  AgentEndpoint(
      AgentLinks links,
      AgentAdmission admission,
      CommandSender commands,
      Reconciliation reconciliation,
      OrderSender orders,
      AgentPresence presence) {
    this.links = links;
    this.admission = admission;
    this.commands = commands;
    this.reconciliation = reconciliation;
    this.orders = orders;
    this.presence = presence;
  }

  @ConnectMapping(AgentProtocol.CONNECT)
  Mono<Void> connect(@Payload String setupJson, RSocketRequester requester) {
    return Mono.fromCallable(() -> admission.admit(setupJson))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(admitted -> open(admitted.setup(), admitted.credential(), requester));
  }

  private Mono<Void> open(
      AgentSetup setup, AgentCredential credential, RSocketRequester requester) {
    AgentLink link =
        new AgentLink(
            setup.agentId(),
            ResourceIds.next(),
            setup.backend(),
            setup.capacity(),
            setup.version(),
            null,
            requester,
            System.nanoTime());
    links.register(link).ifPresent(AgentLink::close);
    if (requester.rsocket() != null) {
      requester.rsocket().onClose().doFinally(signal -> closed(link)).subscribe(v -> {}, e -> {});
    }
    return commands
        .send(
            new ConnectAgent(
                setup.agentId(),
                credential.tokenId(),
                setup.backend(),
                setup.capacity(),
                setup.version(),
                link.connectionId),
            caller(link))
        .doOnSuccess(ignored -> log.info("agent {} connected ({})", link.agentId, setup))
        .doOnError(error -> links.remove(link))
        .then();
  }

  private void closed(AgentLink link) {
    if (links.remove(link)) {
      disconnect(link, "the connection closed");
    }
  }

  /** Records that {@code link} ended; a newer connection of the same agent is not affected. */
  void disconnect(AgentLink link, String reason) {
    log.info("agent {} disconnected: {}", link.agentId, reason);
    commands
        .send(new DisconnectAgent(link.agentId, link.connectionId, reason), caller(link))
        .subscribe(r -> {}, e -> log.warn("agent {} disconnect not recorded", link.agentId, e));
  }

  @MessageMapping(AgentProtocol.REPORT)
  Mono<ReportReceipt> report(SessionReport report, RSocketRequester requester) {
    AgentLink link = links.of(requester).orElse(null);
    if (link == null) {
      return Mono.just(ReportReceipt.refused("this connection is not an admitted agent"));
    }
    link.lastHeardNanos = System.nanoTime();
    String problem = problemWith(report);
    if (problem != null) {
      log.warn("agent {} sent a malformed report: {}", link.agentId, problem);
      return Mono.just(ReportReceipt.refused(problem));
    }
    String endpoint =
        report.status() == ReportedStatus.RUNNING
            ? report.vncHost() + ":" + report.vncPort()
            : null;
    return commands
        .send(
            new ReportSessionStatus(
                report.sessionId(),
                link.agentId,
                report.commandId(),
                report.status(),
                endpoint,
                report.reason()),
            caller(link))
        .then(Mono.fromSupplier(ReportReceipt::recorded))
        .onErrorResume(
            error ->
                error instanceof NotFound
                    || error instanceof AgentReportRefused
                    || error instanceof Conflict,
            error -> {
              log.warn(
                  "agent {} report on session {} refused: {}",
                  link.agentId,
                  report.sessionId(),
                  error.getMessage());
              return Mono.just(ReportReceipt.refused(error.getMessage()));
            });
  }

  @MessageMapping(AgentProtocol.HEARTBEAT)
  void heartbeat(Heartbeat heartbeat, RSocketRequester requester) {
    links
        .of(requester)
        .ifPresent(
            link -> {
              link.lastHeardNanos = System.nanoTime();
              if (heartbeat != null) {
                presence.record(link.agentId, heartbeat);
              }
            });
  }

  @MessageMapping(AgentProtocol.INVENTORY)
  Mono<ReportReceipt> inventory(Inventory inventory, RSocketRequester requester) {
    AgentLink link = links.of(requester).orElse(null);
    if (link == null) {
      return Mono.just(ReportReceipt.refused("this connection is not an admitted agent"));
    }
    link.lastHeardNanos = System.nanoTime();
    return Mono.fromRunnable(() -> reconciliation.reconcile(link, inventory))
        .subscribeOn(Schedulers.boundedElastic())
        .then(
            Mono.fromSupplier(
                () -> {
                  link.reconciled = true;
                  orders.pump(link);
                  return ReportReceipt.recorded();
                }));
  }

  private static String problemWith(SessionReport report) {
    if (report == null) {
      return "the report is empty";
    }
    if (report.sessionId() == null || report.sessionId().isBlank()) {
      return "the report names no session";
    }
    if (report.status() == null) {
      return "the report has no status";
    }
    if (report.status() == ReportedStatus.RUNNING
        && (report.vncHost() == null
            || report.vncHost().isBlank()
            || report.vncPort() < 1
            || report.vncPort() > 65535)) {
      return "a running report needs the VNC host and a port from 1 to 65535";
    }
    return null;
  }

  static boolean isValidAgentId(String agentId) {
    return agentId != null && AGENT_ID.matcher(agentId).matches();
  }

  private static io.streamspace.events.common.Caller caller(AgentLink link) {
    return PlatformCallers.agent(link.agentId, link.remoteAddress, link.version);
  }
}
