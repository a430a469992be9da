package io.streamspace.agent.connection;

import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.exceptions.ConnectionCloseException;
import io.rsocket.exceptions.ConnectionErrorException;
import io.rsocket.exceptions.RejectedSetupException;
import io.rsocket.transport.ClientTransport;
import io.streamspace.agent.orders.ReportOutbox;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.AgentSetup;
import io.streamspace.events.agent.Heartbeat;
import io.streamspace.events.agent.Inventory;
import io.streamspace.events.agent.ReportReceipt;
import io.streamspace.events.agent.SessionReport;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps one RSocket connection to the server, over WebSocket: connects with the agent's setup,
 * sends the inventory first, then the report outbox in order, heartbeats while it is up, and after
 * every loss (or refusal) connects again with capped, jittered backoff. Never two connections at
 * once: the next attempt starts only after the previous connection has closed.
 */
public final class AgentConnector implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AgentConnector.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration REPORT_RETRY = Duration.ofSeconds(1);

  /**
   * What the connector needs to know; {@code setup} is asked before every attempt (the token may
   * have changed in its file). The token is never logged.
   */
  public record Settings(
      URI serverUrl,
      Supplier<AgentSetup> setup,
      Duration heartbeatInterval,
      Duration requestTimeout,
      Backoff backoff,
      FrameMasking frameMasking) {}

  private final Settings settings;
  private final RSocketStrategies strategies;
  private final SocketAcceptor responder;
  private final Supplier<Inventory> inventory;
  private final Supplier<Heartbeat> heartbeat;
  private final ReportOutbox outbox;
  private final Thread connectionThread;
  private final Thread reportThread;

  private volatile boolean closed;
  private volatile RSocket current;
  // The connection reports may use: set once the inventory is acknowledged, cleared when it ends.
  private RSocketRequester ready;

  public AgentConnector(
      Settings settings,
      RSocketStrategies strategies,
      SocketAcceptor responder,
      Supplier<Inventory> inventory,
      Supplier<Heartbeat> heartbeat,
      ReportOutbox outbox) {
    this.settings = settings;
    this.strategies = strategies;
    this.responder = responder;
    this.inventory = inventory;
    this.heartbeat = heartbeat;
    this.outbox = outbox;
    // Not a daemon: a running agent is this thread, it keeps the JVM up.
    this.connectionThread = new Thread(this::keepConnected, "agent-connection");
    this.reportThread = new Thread(this::sendReports, "agent-reports");
    reportThread.setDaemon(true);
  }

  public void start() {
    connectionThread.start();
    reportThread.start();
  }

  /** Whether a connection is up and its inventory was acknowledged. */
  public synchronized boolean connected() {
    return ready != null;
  }

  private void keepConnected() {
    while (!closed) {
      String reason;
      try {
        reason = connectOnce();
      } catch (RuntimeException e) {
        reason = describe(e);
      }
      if (closed) {
        return;
      }
      Duration delay = settings.backoff().next();
      log.warn("{}; connecting again in {} ms", reason, delay.toMillis());
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        return; // closing
      }
    }
  }

  /** One connection from setup to close; returns why it ended. */
  private String connectOnce() {
    AgentSetup setup = settings.setup().get();
    RSocket rsocket =
        RSocketRequester.builder()
            .rsocketStrategies(strategies)
            .dataMimeType(WireFormat.DATA)
            .metadataMimeType(WireFormat.METADATA)
            .setupRoute(AgentProtocol.CONNECT)
            .setupData(setup)
            .rsocketConnector(
                connector ->
                    connector
                        .acceptor(responder)
                        .maxInboundPayloadSize(AgentProtocol.MAX_FRAME_BYTES))
            .transport(transport())
            .rsocketClient()
            .source()
            // A connection that completes after close() (or after the timeout) is not kept.
            .doOnNext(
                connected -> {
                  if (closed) {
                    connected.dispose();
                  }
                })
            .block(CONNECT_TIMEOUT);
    if (rsocket == null) {
      return "could not connect to " + settings.serverUrl();
    }
    current = rsocket;
    Disposable heartbeats = Disposables.disposed();
    try {
      if (closed) {
        return "closing";
      }
      RSocketRequester requester =
          RSocketRequester.wrap(rsocket, WireFormat.DATA, WireFormat.METADATA, strategies);
      Mono<ReportReceipt> reconciled =
          requester
              .route(AgentProtocol.INVENTORY)
              .data(inventory.get())
              .retrieveMono(ReportReceipt.class)
              .cache();
      reconciled.subscribe(receipt -> {}, failure -> {}); // the inventory goes out before all else
      heartbeats = sendHeartbeats(requester);
      ReportReceipt receipt = reconciled.block(settings.requestTimeout());
      if (receipt != null && !receipt.accepted()) {
        log.warn("the server refused the inventory: {}", receipt.reason());
      }
      settings.backoff().reset();
      log.info("connected to {} as agent {}", settings.serverUrl(), setup.agentId());
      markReady(requester);
      rsocket.onClose().block();
      return "the connection to " + settings.serverUrl() + " closed";
    } catch (RuntimeException e) {
      // A refused setup shows as the connection's close reason; the request only sees it closed.
      return describe(closeReason(rsocket).orElse(e));
    } finally {
      markReady(null);
      heartbeats.dispose();
      rsocket.dispose();
      try {
        rsocket.onClose().onErrorResume(e -> Mono.empty()).block(CONNECT_TIMEOUT);
      } catch (RuntimeException e) {
        log.debug("the connection did not close in time", e);
      }
      current = null;
    }
  }

  private ClientTransport transport() {
    return AgentTransport.to(settings.serverUrl(), settings.frameMasking(), CONNECT_TIMEOUT);
  }

  private Disposable sendHeartbeats(RSocketRequester requester) {
    return Flux.interval(settings.heartbeatInterval(), Schedulers.boundedElastic())
        .concatMap(
            tick ->
                requester
                    .route(AgentProtocol.HEARTBEAT)
                    .data(heartbeat.get())
                    .send()
                    .onErrorResume(
                        e -> {
                          log.debug("heartbeat not sent: {}", e.toString());
                          return Mono.empty();
                        }))
        .subscribe();
  }

  private synchronized void markReady(RSocketRequester requester) {
    ready = requester;
    notifyAll();
  }

  private synchronized RSocketRequester awaitReady(RSocketRequester notThis)
      throws InterruptedException {
    while (!closed && (ready == null || ready == notThis)) {
      wait();
    }
    return ready;
  }

  /** Sends the outbox head over the ready connection until a receipt comes, in order, forever. */
  private void sendReports() {
    RSocketRequester failedOn = null;
    try {
      while (!closed) {
        SessionReport report = outbox.awaitHead(Duration.ofSeconds(1));
        if (report == null) {
          continue;
        }
        RSocketRequester requester = awaitReady(failedOn);
        if (requester == null) {
          return;
        }
        try {
          ReportReceipt receipt =
              requester
                  .route(AgentProtocol.REPORT)
                  .data(report)
                  .retrieveMono(ReportReceipt.class)
                  .block(settings.requestTimeout());
          outbox.acknowledged(report);
          failedOn = null;
          if (receipt != null && !receipt.accepted()) {
            log.warn(
                "the server refused the {} report of session {}: {}",
                report.status(),
                report.sessionId(),
                receipt.reason());
          }
        } catch (RuntimeException e) {
          if (lostConnection(e) || requester.rsocket().isDisposed()) {
            failedOn = requester; // wait for the next connection, then send it again
          } else {
            log.warn(
                "the {} report of session {} was not recorded ({}); sending it again",
                report.status(),
                report.sessionId(),
                describe(e));
            Thread.sleep(REPORT_RETRY.toMillis());
          }
        }
      }
    } catch (InterruptedException e) {
      // closing
    }
  }

  private static Optional<Throwable> closeReason(RSocket rsocket) {
    try {
      return Optional.ofNullable(
          rsocket
              .onClose()
              .then(Mono.<Throwable>empty())
              .onErrorResume(Mono::just)
              .block(Duration.ofSeconds(1)));
    } catch (RuntimeException stillOpen) {
      return Optional.empty();
    }
  }

  /** Whether a request failed because its connection went away (rather than the server failing). */
  private static boolean lostConnection(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof ConnectionErrorException
          || e instanceof ConnectionCloseException
          || e instanceof ClosedChannelException
          || e instanceof CancellationException) {
        return true;
      }
    }
    return false;
  }

  /** One line saying why a connection failed; never the token (it is in no message we make). */
  private String describe(Throwable failure) {
    Throwable root = failure;
    for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof RejectedSetupException) {
        return "the server refused this agent: " + e.getMessage();
      }
      root = e;
    }
    if (lostConnection(failure)) {
      return "the connection to " + settings.serverUrl() + " was lost";
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return "no connection to "
        + settings.serverUrl()
        + " ("
        + root.getClass().getSimpleName()
        + message
        + ")";
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      notifyAll();
    }
    RSocket rsocket = current;
    if (rsocket != null) {
      rsocket.dispose();
    }
    connectionThread.interrupt();
    reportThread.interrupt();
    try {
      connectionThread.join(CONNECT_TIMEOUT.toMillis());
      reportThread.join(CONNECT_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
