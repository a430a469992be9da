package io.streamspace.agent;

import io.rsocket.core.RSocketServer;
import io.rsocket.transport.netty.server.WebsocketRouteTransport;
import io.streamspace.agent.connection.WireFormat;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.AgentSetup;
import io.streamspace.events.agent.Heartbeat;
import io.streamspace.events.agent.Inventory;
import io.streamspace.events.agent.OrderReceipt;
import io.streamspace.events.agent.ReportReceipt;
import io.streamspace.events.agent.SessionReport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.annotation.ConnectMapping;
import org.springframework.messaging.rsocket.annotation.support.RSocketMessageHandler;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;

/**
 * The server end of the agent protocol, inside the test: a real RSocket server over WebSocket on
 * {@link AgentProtocol#PATH} that records everything an agent sends, in arrival order, and can send
 * orders to the last connected agent.
 */
final class ServerEnd implements AutoCloseable {

  /** Something an agent sent, on its {@code connection} (1 for the first one this end accepted). */
  record Seen(int connection, String route, Object payload, long atNanos) {}

  final List<AgentSetup> setups = new CopyOnWriteArrayList<>();
  final List<Long> setupTimes = new CopyOnWriteArrayList<>();
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  private final int port;
  private final io.rsocket.Closeable server;
  private final Map<RSocketRequester, Integer> connections = new IdentityHashMap<>();
  private final AtomicInteger connectionCount = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger mostOpenAtOnce = new AtomicInteger();
  private volatile RSocketRequester lastAgent;
  private volatile int setupsToReject;
  private volatile String rejectReason;
  private volatile boolean answerReports = true;

  private ServerEnd(int port) {
    this.port = port;
    RSocketMessageHandler handler = new RSocketMessageHandler();
    handler.setRSocketStrategies(WireFormat.strategies(WireFormat.jsonMapper()));
    handler.setHandlers(List.of(new Handlers()));
    handler.afterPropertiesSet();
    this.server =
        RSocketServer.create(handler.responder())
            .bind(
                new WebsocketRouteTransport(
                    HttpServer.create().host("127.0.0.1").port(port),
                    routes -> {},
                    AgentProtocol.PATH))
            .block(Duration.ofSeconds(10));
  }

  static ServerEnd start() {
    return new ServerEnd(freePort());
  }

  /** A new server end on the port of one that has gone: the server "came back". */
  static ServerEnd startOn(int port) {
    return new ServerEnd(port);
  }

  int port() {
    return port;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Refuses the next {@code count} setups with {@code reason}. */
  void rejectNextSetups(int count, String reason) {
    rejectReason = reason;
    setupsToReject = count;
  }

  /** Whether reports get a receipt; when not, they are recorded and left unanswered. */
  void answerReports(boolean answer) {
    answerReports = answer;
  }

  /** Sends an order to the last connected agent and returns its receipt. */
  OrderReceipt order(String route, Object order) {
    return lastAgent
        .route(route)
        .data(order)
        .retrieveMono(OrderReceipt.class)
        .block(Duration.ofSeconds(10));
  }

  /** The most agent connections this end had open at the same time. */
  int mostOpenAtOnce() {
    return mostOpenAtOnce.get();
  }

  int connections() {
    return connectionCount.get();
  }

  List<Seen> seenOn(int connection) {
    return seen.stream().filter(s -> s.connection() == connection).toList();
  }

  <T> List<T> payloads(String route, Class<T> type) {
    List<T> result = new ArrayList<>();
    for (Seen s : seen) {
      if (s.route().equals(route)) {
        result.add(type.cast(s.payload()));
      }
    }
    return result;
  }

  List<SessionReport> reports() {
    return payloads(AgentProtocol.REPORT, SessionReport.class);
  }

  /** Drops every agent connection, as a server that goes away does. */
  void dropConnections() {
    List<RSocketRequester> open;
    synchronized (connections) {
      open = new ArrayList<>(connections.keySet());
    }
    open.forEach(requester -> requester.rsocket().dispose());
  }

  @Override
  public void close() {
    dropConnections();
    server.dispose();
    server.onClose().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(10));
  }

  private int connectionOf(RSocketRequester requester) {
    synchronized (connections) {
      return connections.getOrDefault(requester, 0);
    }
  }

  private void record(RSocketRequester requester, String route, Object payload) {
    seen.add(new Seen(connectionOf(requester), route, payload, System.nanoTime()));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server's routes. */
  private final class Handlers {

    @ConnectMapping(AgentProtocol.CONNECT)
    Mono<Void> connect(@Payload AgentSetup setup, RSocketRequester requester) {
      setups.add(setup);
      setupTimes.add(System.nanoTime());
      if (setupsToReject > 0) {
        setupsToReject--;
        return Mono.error(new IllegalStateException(rejectReason));
      }
      synchronized (connections) {
        connections.put(requester, connectionCount.incrementAndGet());
      }
      lastAgent = requester;
      mostOpenAtOnce.accumulateAndGet(open.incrementAndGet(), Math::max);
      requester
          .rsocket()
          .onClose()
          .doFinally(signal -> open.decrementAndGet())
          .subscribe(done -> {}, closedWithError -> {});
      return Mono.empty();
    }

    @MessageMapping(AgentProtocol.INVENTORY)
    ReportReceipt inventory(@Payload Inventory inventory, RSocketRequester requester) {
      record(requester, AgentProtocol.INVENTORY, inventory);
      return ReportReceipt.recorded();
    }

    @MessageMapping(AgentProtocol.REPORT)
    Mono<ReportReceipt> report(@Payload SessionReport report, RSocketRequester requester) {
      record(requester, AgentProtocol.REPORT, report);
      return answerReports ? Mono.just(ReportReceipt.recorded()) : Mono.never();
    }

    @MessageMapping(AgentProtocol.HEARTBEAT)
    void heartbeat(@Payload Heartbeat heartbeat, RSocketRequester requester) {
      record(requester, AgentProtocol.HEARTBEAT, heartbeat);
    }
  }
}
