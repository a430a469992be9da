package io.streamspace.command.agent;

import io.streamspace.command.agent.DispatchStore.OpenOrder;
import io.streamspace.command.common.CommandSender;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.HibernateSessionOrder;
import io.streamspace.events.agent.OrderReceipt;
import io.streamspace.events.agent.ResumeSessionOrder;
import io.streamspace.events.agent.StartSessionOrder;
import io.streamspace.events.agent.StopSessionOrder;
import io.streamspace.events.common.Requester;
import io.streamspace.events.session.AgentOrderKind;
import io.streamspace.events.session.FailSession;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Delivers the outbox ({@code dispatch_order}) to the agents connected to this replica: every open
 * order of an agent, in the order it was issued, once per connection. An order stays open until the
 * agent's report completes it, so a new connection is given it again; the agent treats a command id
 * it has seen as done.
 */
@Component
class OrderSender {

  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(OrderSender.class);

  private final AgentLinks links;
  private final DispatchStore store;
  private final CommandSender commands;

  OrderSender(AgentLinks links, DispatchStore store, @Lazy CommandSender commands) {
    this.links = links;
    this.store = store;
    this.commands = commands;
  }

  /** Sends what {@code agentId} has not been given yet, if it is connected here and reconciled. */
  void pump(String agentId) {
    links.of(agentId).ifPresent(this::pump);
  }

  void pump(AgentLink link) {
    if (!link.reconciled) {
      return; // the agent's inventory comes first: orders follow reconciliation
    }
    link.pumpAgain.set(true);
    if (!link.pumping.compareAndSet(false, true)) {
      return; // the running pump goes round again
    }
    link.pumpAgain.set(false);
    Mono.fromCallable(() -> store.openOrders(link.agentId))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMapMany(Flux::fromIterable)
        .filter(order -> link.ordersSent.add(order.commandId()))
        .concatMap(order -> deliver(link, order))
        .doFinally(
            signal -> {
              link.pumping.set(false);
              if (link.pumpAgain.get() && links.of(link.agentId).orElse(null) == link) {
                pump(link);
              }
            })
        .subscribe();
  }

  private Mono<Void> deliver(AgentLink link, OpenOrder order) {
    return link.requester
        .route(routeOf(order.kind()))
        .data(AgentWire.MAPPER.readValue(order.payload(), typeOf(order.kind())))
        .retrieveMono(OrderReceipt.class)
        .timeout(ANSWER_TIMEOUT)
        .doOnNext(receipt -> onReceipt(link, order, receipt))
        .doOnError(
            error -> {
              // not delivered on this connection: the next pump, or the next connection, sends it
              link.ordersSent.remove(order.commandId());
              log.debug(
                  "order {} to agent {} not delivered: {}",
                  order.commandId(),
                  link.agentId,
                  error.toString());
            })
        .onErrorResume(error -> Mono.empty())
        .then();
  }

  private void onReceipt(AgentLink link, OpenOrder order, OrderReceipt receipt) {
    if (receipt.accepted()) {
      return;
    }
    log.warn(
        "agent {} refused order {} ({} session {}): {}",
        link.agentId,
        order.commandId(),
        order.kind(),
        order.sessionId(),
        receipt.reason());
    if (order.kind() == AgentOrderKind.START) {
      commands
          .send(
              new FailSession(
                  order.sessionId(),
                  Requester.system(PlatformCallers.PLATFORM_ORGANIZATION),
                  "the agent refused to start it: " + receipt.reason()),
              PlatformCallers.agent(link.agentId, link.remoteAddress, link.version))
          .subscribe(
              r -> {},
              e -> log.debug("session {} not failed: {}", order.sessionId(), e.getMessage()));
    }
  }

  /** Pumps every link of this replica: catches orders another replica's dispatcher stored. */
  void pumpAll() {
    List.copyOf(links.all()).forEach(this::pump);
  }

  private static String routeOf(AgentOrderKind kind) {
    return switch (kind) {
      case START -> AgentProtocol.START_SESSION;
      case STOP -> AgentProtocol.STOP_SESSION;
      case HIBERNATE -> AgentProtocol.HIBERNATE_SESSION;
      case RESUME -> AgentProtocol.RESUME_SESSION;
    };
  }

  private static Class<?> typeOf(AgentOrderKind kind) {
    return switch (kind) {
      case START -> StartSessionOrder.class;
      case STOP -> StopSessionOrder.class;
      case HIBERNATE -> HibernateSessionOrder.class;
      case RESUME -> ResumeSessionOrder.class;
    };
  }
}
