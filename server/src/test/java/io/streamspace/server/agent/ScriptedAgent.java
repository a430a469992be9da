package io.streamspace.server.agent;

import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.AgentSetup;
import io.streamspace.events.agent.BackendKind;
import io.streamspace.events.agent.Heartbeat;
import io.streamspace.events.agent.HibernateSessionOrder;
import io.streamspace.events.agent.Inventory;
import io.streamspace.events.agent.OrderReceipt;
import io.streamspace.events.agent.ReportReceipt;
import io.streamspace.events.agent.ReportedStatus;
import io.streamspace.events.agent.ResumeSessionOrder;
import io.streamspace.events.agent.SessionReport;
import io.streamspace.events.agent.StartSessionOrder;
import io.streamspace.events.agent.StopSessionOrder;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.core.codec.StringDecoder;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import org.springframework.web.util.pattern.PathPatternRouteMatcher;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent end of the protocol, driven by a test: it records the orders it is given and sends the
 * reports the test chooses. It checks the server's handling of the protocol; the real agent
 * application is exercised by the end-to-end tests.
 */
final class ScriptedAgent implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(20);

  final String agentId;
  final BlockingQueue<Object> orders = new LinkedBlockingQueue<>();

  /** 64 KB messages its VNC tunnels sent: exactly what the server asked for (request-n). */
  final java.util.concurrent.atomic.AtomicLong tunnelMessagesSent =
      new java.util.concurrent.atomic.AtomicLong();

  /** Messages its VNC tunnels took from the server; it takes only each tunnel's opening. */
  final java.util.concurrent.atomic.AtomicLong tunnelMessagesReceived =
      new java.util.concurrent.atomic.AtomicLong();

  private final RSocketRequester requester;
  private volatile reactor.core.Disposable heartbeats;

  private ScriptedAgent(String agentId, RSocketRequester requester) {
    this.agentId = agentId;
    this.requester = requester;
  }

  static RSocketStrategies strategies() {
    JsonMapper mapper = JsonMapper.builder().build();
    return RSocketStrategies.builder()
        .encoder(new JacksonJsonEncoder(mapper))
        .decoder(StringDecoder.allMimeTypes(), new JacksonJsonDecoder(mapper))
        .routeMatcher(new PathPatternRouteMatcher())
        .build();
  }

  /**
   * Connects, waits until the transport is up (the server may still refuse the setup) and
   * heartbeats every 500 ms, as a live agent does.
   */
  static ScriptedAgent connect(int port, AgentSetup setup) {
    ScriptedAgent agent = connectSilent(port, setup);
    agent.heartbeats =
        reactor.core.publisher.Flux.interval(Duration.ofMillis(500))
            .concatMap(
                tick ->
                    agent
                        .requester
                        .route(AgentProtocol.HEARTBEAT)
                        .data(new Heartbeat(Instant.now(), 0, 10, 100, 0.5))
                        .send()
                        .onErrorResume(e -> Mono.empty()))
            .subscribe();
    return agent;
  }

  /** Connects but never heartbeats: an agent that hangs. */
  static ScriptedAgent connectSilent(int port, AgentSetup setup) {
    ScriptedAgent[] self = new ScriptedAgent[1];
    Responder responder = new Responder(() -> self[0]);
    RSocketStrategies strategies = strategies();
    RSocketRequester requester =
        RSocketRequester.builder()
            .rsocketStrategies(strategies)
            .setupRoute(AgentProtocol.CONNECT)
            .setupData(setup)
            .rsocketConnector(
                connector ->
                    connector.acceptor(RSocketMessageHandler.responder(strategies, responder)))
            .websocket(URI.create("ws://localhost:" + port + AgentProtocol.PATH));
    self[0] = new ScriptedAgent(setup.agentId(), requester);
    requester.rsocketClient().source().block(WAIT);
    return self[0];
  }

  static AgentSetup setup(String agentId, String token, int sessions) {
    return new AgentSetup(
        agentId,
        BackendKind.LOCAL,
        new AgentCapacity(sessions, 0, 0),
        AgentProtocol.VERSION,
        token);
  }

  ReportReceipt inventory(Inventory.Entry... running) {
    return requester
        .route(AgentProtocol.INVENTORY)
        .data(new Inventory(List.of(running)))
        .retrieveMono(ReportReceipt.class)
        .block(WAIT);
  }

  ReportReceipt report(String sessionId, String commandId, ReportedStatus status) {
    return report(new SessionReport(sessionId, commandId, status, null, 0, null));
  }

  ReportReceipt running(String sessionId, String commandId) {
    return report(
        new SessionReport(sessionId, commandId, ReportedStatus.RUNNING, "127.0.0.1", 5901, null));
  }

  ReportReceipt report(SessionReport report) {
    return requester
        .route(AgentProtocol.REPORT)
        .data(report)
        .retrieveMono(ReportReceipt.class)
        .block(WAIT);
  }

  <T> Mono<T> request(String route, Object data, Class<T> answer) {
    return requester.route(route).data(data).retrieveMono(answer);
  }

  void heartbeat() {
    requester
        .route(AgentProtocol.HEARTBEAT)
        .data(new Heartbeat(Instant.now(), 0, 10, 100, 0.5))
        .send()
        .block(WAIT);
  }

  /** The next order given to this agent, which must be of {@code type}. */
  <T> T nextOrder(Class<T> type) {
    try {
      Object order = orders.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (order == null) {
        throw new AssertionError("no order reached agent " + agentId + " within " + WAIT);
      }
      if (!type.isInstance(order)) {
        throw new AssertionError("expected a " + type.getSimpleName() + " but got " + order);
      }
      return type.cast(order);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Whether an order arrives within {@code wait}. */
  Object orderWithin(Duration wait) throws InterruptedException {
    return orders.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops heartbeating from now on. */
  void fallSilent() {
    if (heartbeats != null) {
      heartbeats.dispose();
    }
  }

  @Override
  public void close() {
    fallSilent();
    requester.dispose();
  }

  /** Answers every order at once and records it. */
  static final class Responder {
    private final java.util.function.Supplier<ScriptedAgent> agent;

    Responder(java.util.function.Supplier<ScriptedAgent> agent) {
      this.agent = agent;
    }

    @MessageMapping(AgentProtocol.START_SESSION)
    Mono<OrderReceipt> start(StartSessionOrder order) {
      agent.get().orders.add(order);
      return Mono.just(OrderReceipt.accepted(order.commandId()));
    }

    @MessageMapping(AgentProtocol.STOP_SESSION)
    Mono<OrderReceipt> stop(StopSessionOrder order) {
      agent.get().orders.add(order);
      return Mono.just(OrderReceipt.accepted(order.commandId()));
    }

    @MessageMapping(AgentProtocol.HIBERNATE_SESSION)
    Mono<OrderReceipt> hibernate(HibernateSessionOrder order) {
      agent.get().orders.add(order);
      return Mono.just(OrderReceipt.accepted(order.commandId()));
    }

    /**
     * A VNC server at its worst for back-pressure: it streams 64 KB messages as fast as they are
     * asked for, and never reads what the browser sends.
     */
    @MessageMapping(AgentProtocol.VNC_TUNNEL)
    reactor.core.publisher.Flux<org.springframework.core.io.buffer.DataBuffer> tunnel(
        reactor.core.publisher.Flux<org.springframework.core.io.buffer.DataBuffer> fromServer) {
      ScriptedAgent self = agent.get();
      fromServer.subscribe(
          new reactor.core.publisher.BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
              request(1); // the tunnel's opening, nothing after it
            }

            @Override
            protected void hookOnNext(org.springframework.core.io.buffer.DataBuffer buffer) {
              self.tunnelMessagesReceived.incrementAndGet();
              org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
            }
          });
      byte[] chunk = new byte[64 * 1024];
      return reactor.core.publisher.Flux.<org.springframework.core.io.buffer.DataBuffer>generate(
              sink ->
                  sink.next(
                      org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance
                          .wrap(chunk)))
          .doOnNext(sent -> self.tunnelMessagesSent.incrementAndGet());
    }

    @MessageMapping(AgentProtocol.RESUME_SESSION)
    Mono<OrderReceipt> resume(ResumeSessionOrder order) {
      agent.get().orders.add(order);
      return Mono.just(OrderReceipt.accepted(order.commandId()));
    }
  }
}
