package io.streamspace.vnc.tunnel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.streamspace.events.agent.OpenVncTunnel;
import io.streamspace.vnc.Viewer;
import io.streamspace.vnc.ViewerLog;
import io.streamspace.vnc.VncProperties;
import io.streamspace.vnc.VncSession;
import io.streamspace.vnc.VncSessions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The tunnels open on this replica: bridges each browser WebSocket to its agent channel, ends them
 * when their session stops running (checked every {@code recheck-interval}, so a stop on another
 * replica counts too) or the server shuts down, and records each viewer's coming and going.
 *
 * <p>Memory per tunnel is bounded: every hop moves at most {@code in-flight-messages} messages
 * (each at most a WebSocket message or a TCP read) that were asked for and not yet written.
 */
@Component
public class Tunnels implements SmartLifecycle {

  static final CloseStatus SESSION_ENDED =
      new CloseStatus(4001, "the session is no longer running");
  static final CloseStatus AGENT_LOST = new CloseStatus(4002, "the session's agent disconnected");
  static final CloseStatus VNC_CLOSED =
      new CloseStatus(4003, "the session's VNC server closed the connection");
  static final CloseStatus SHUTTING_DOWN =
      CloseStatus.GOING_AWAY.withReason("the server is shutting down");

  private static final Logger log = LoggerFactory.getLogger(Tunnels.class);

  private final VncSessions sessions;
  private final ViewerLog viewers;
  private final VncProperties properties;
  private final Map<String, Tunnel> open = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> perSession = new ConcurrentHashMap<>();
  private final Counter bytesToBrowser;
  private final Counter bytesToVnc;
  private volatile Disposable recheck;

  public Tunnels(
      VncSessions sessions, ViewerLog viewers, VncProperties properties, MeterRegistry meters) {
    this.sessions = sessions;
    this.viewers = viewers;
    this.properties = properties;
    meters.gauge("streamspace.vnc.tunnels", open, Map::size);
    this.bytesToBrowser =
        Counter.builder("streamspace.vnc.bytes").tag("direction", "to_browser").register(meters);
    this.bytesToVnc =
        Counter.builder("streamspace.vnc.bytes").tag("direction", "to_vnc").register(meters);
  }

  /** How many tunnels are open on this replica. */
  public int openCount() {
    return open.size();
  }

  /** Takes one of the session's viewer slots; false when it has none left. */
  boolean reserve(String sessionId) {
    AtomicInteger count = perSession.computeIfAbsent(sessionId, id -> new AtomicInteger());
    if (count.incrementAndGet() > properties.maxTunnelsPerSession()) {
      release(sessionId);
      return false;
    }
    return true;
  }

  void release(String sessionId) {
    perSession.computeIfPresent(
        sessionId, (id, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  /**
   * Runs {@code tunnel} over {@code socket} and {@code agent} until either end closes or it is
   * ended; the viewer is recorded before any byte moves and its departure after the last.
   */
  Mono<Void> run(Tunnel tunnel, Viewer viewer, WebSocketSession socket, RSocket agent) {
    return viewers
        .connected(viewer)
        .onErrorResume(
            refused -> {
              // the session moved on between the token check and now (it stopped, say)
              tunnel.closeWith(
                  new CloseStatus(SESSION_ENDED.getCode(), truncate(refused.getMessage())));
              return socket.close(tunnel.endedWith()).then(Mono.error(refused));
            })
        .then(Mono.defer(() -> bridge(tunnel, socket, agent)))
        .onErrorResume(
            failure -> {
              tunnel.ending(describe(failure));
              log.debug("tunnel {} of session {} failed", tunnel.id, tunnel.sessionId(), failure);
              return socket.close(closeStatusFor(failure, agent));
            })
        .doFinally(
            signal -> {
              open.remove(tunnel.id, tunnel);
              release(tunnel.sessionId());
              log.info(
                  "viewer {} of session {} left: {}",
                  tunnel.grant.userId(),
                  tunnel.sessionId(),
                  tunnel.endReason());
              viewers
                  .disconnected(viewer, tunnel.endReason())
                  .subscribe(
                      done -> {},
                      failure ->
                          log.warn(
                              "the departure of viewer {} from session {} was not recorded",
                              viewer.viewerId(),
                              viewer.sessionId(),
                              failure));
            });
  }

  private Mono<Void> bridge(Tunnel tunnel, WebSocketSession socket, RSocket agent) {
    open.put(tunnel.id, tunnel);
    log.info(
        "viewer {} opened session {} (tunnel {})",
        tunnel.grant.userId(),
        tunnel.sessionId(),
        tunnel.id);
    int inFlight = properties.inFlightMessages();
    Flux<ByteBuf> fromBrowser =
        socket
            .receive()
            // Whatever ends the channel cancels this first; Reactor Netty drops the connection on
            // that cancel, so the close frame with the reason goes out before it.
            .doOnCancel(() -> close(socket, tunnel, agent).subscribe(ok -> {}, failed -> {}))
            // Retained at once, before any queue: the WebSocket releases (and its pool reuses) a
            // message's buffer as soon as onNext returns.
            .filter(message -> message.getType() == WebSocketMessage.Type.BINARY)
            .map(message -> retained(message.getPayload()))
            .limitRate(inFlight)
            .doOnNext(bytes -> bytesToVnc.increment(bytes.readableBytes()))
            .doOnComplete(() -> tunnel.ending("the viewer closed the connection"))
            .doOnDiscard(ByteBuf.class, ReferenceCountUtil::safeRelease);
    Flux<WebSocketMessage> toBrowser =
        AgentChannel.open(agent, new OpenVncTunnel(tunnel.id, tunnel.sessionId()), fromBrowser)
            .limitRate(inFlight)
            .takeUntilOther(tunnel.endedFromOutside())
            .onErrorResume(
                failure -> {
                  log.debug(
                      "tunnel {} of session {} failed", tunnel.id, tunnel.sessionId(), failure);
                  tunnel.closeWith(closeStatusFor(failure, agent));
                  return Flux.empty();
                })
            .map(payload -> message(socket, payload))
            .doOnDiscard(Payload.class, ReferenceCountUtil::safeRelease)
            .doOnDiscard(WebSocketMessage.class, message -> message.release());
    // One write at a time, each awaited: a browser that stops reading holds at most
    // in-flight-messages here (the WebSocket's own send would ask for 128 ahead).
    return toBrowser
        .concatMap(message -> socket.send(Mono.just(message)), inFlight)
        // Below concatMap, so that the messages it queued are released when the tunnel ends.
        .doOnDiscard(WebSocketMessage.class, message -> message.release())
        .then(Mono.defer(() -> close(socket, tunnel, agent)));
  }

  /**
   * Closes the browser's WebSocket with the status the tunnel ended with: ended from outside, the
   * agent lost, or else the VNC server closed its side.
   */
  private static Mono<Void> close(WebSocketSession socket, Tunnel tunnel, RSocket agent) {
    tunnel.closeWith(agent.isDisposed() ? AGENT_LOST : VNC_CLOSED);
    return socket.close(tunnel.endedWith());
  }

  private WebSocketMessage message(WebSocketSession socket, Payload payload) {
    try {
      ByteBuf data = payload.data().retain();
      bytesToBrowser.increment(data.readableBytes());
      return socket.binaryMessage(factory -> wrap(factory, data));
    } finally {
      payload.release();
    }
  }

  private static DataBuffer wrap(
      org.springframework.core.io.buffer.DataBufferFactory factory, ByteBuf data) {
    if (factory instanceof NettyDataBufferFactory netty) {
      return netty.wrap(data);
    }
    try {
      byte[] bytes = new byte[data.readableBytes()];
      data.readBytes(bytes);
      return factory.wrap(bytes);
    } finally {
      data.release();
    }
  }

  /** The message's bytes, retained: the WebSocket releases its frame once this returns. */
  private static ByteBuf retained(DataBuffer buffer) {
    return NettyDataBufferFactory.toByteBuf(buffer).retain();
  }

  private static String describe(Throwable failure) {
    if (failure instanceof io.rsocket.exceptions.ApplicationErrorException refused) {
      return "the agent refused the tunnel: " + refused.getMessage();
    }
    if (failure instanceof java.nio.channels.ClosedChannelException
        || failure instanceof io.rsocket.exceptions.ConnectionErrorException
        || failure instanceof io.rsocket.exceptions.ConnectionCloseException) {
      return AGENT_LOST.getReason();
    }
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  private static CloseStatus closeStatusFor(Throwable failure, RSocket agent) {
    if (agent.isDisposed()
        || failure instanceof java.nio.channels.ClosedChannelException
        || failure instanceof io.rsocket.exceptions.ConnectionErrorException
        || failure instanceof io.rsocket.exceptions.ConnectionCloseException) {
      return AGENT_LOST;
    }
    if (failure instanceof io.rsocket.exceptions.ApplicationErrorException refused) {
      return new CloseStatus(
          4004, truncate("the agent refused the tunnel: " + refused.getMessage()));
    }
    return CloseStatus.SERVER_ERROR.withReason("the tunnel failed");
  }

  /** A close reason must fit a control frame (123 bytes). */
  private static String truncate(String reason) {
    if (reason == null) {
      return null;
    }
    return reason.length() <= 120 ? reason : reason.substring(0, 120);
  }

  /** Ends the open tunnels whose session no longer runs the run their token was issued for. */
  void recheck() {
    Collection<Tunnel> tunnels = List.copyOf(open.values());
    if (tunnels.isEmpty()) {
      return;
    }
    Set<String> ids = tunnels.stream().map(Tunnel::sessionId).collect(Collectors.toSet());
    Map<String, VncSession> current =
        sessions.findAll(ids).collectMap(VncSession::id).block(Duration.ofSeconds(10));
    for (Tunnel tunnel : tunnels) {
      VncSession session = current == null ? null : current.get(tunnel.sessionId());
      if (session == null || !session.isRunningSince(tunnel.grant.runningSince())) {
        String status = session == null ? "gone" : session.status().wireName();
        tunnel.end(new CloseStatus(SESSION_ENDED.getCode(), "the session is " + status));
      }
    }
  }

  /** Ends every tunnel of {@code sessionId} on this replica now. */
  public void endSession(String sessionId, String reason) {
    for (Tunnel tunnel : open.values()) {
      if (tunnel.sessionId().equals(sessionId)) {
        tunnel.end(new CloseStatus(SESSION_ENDED.getCode(), truncate(reason)));
      }
    }
  }

  @Override
  public void start() {
    Duration interval = properties.recheckInterval();
    recheck =
        Flux.interval(interval, interval, Schedulers.boundedElastic())
            .onBackpressureDrop()
            .concatMap(
                tick ->
                    Mono.fromRunnable(this::recheck)
                        .onErrorResume(
                            failure -> {
                              log.warn("open VNC tunnels could not be rechecked", failure);
                              return Mono.empty();
                            }))
            .subscribe();
  }

  /** Ends every tunnel first, so browsers see a clean close and viewers are recorded as gone. */
  @Override
  public void stop() {
    Disposable running = recheck;
    if (running != null) {
      running.dispose();
    }
    open.values().forEach(tunnel -> tunnel.end(SHUTTING_DOWN));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public boolean isRunning() {
    Disposable running = recheck;
    return running != null && !running.isDisposed();
  }

  /** Before the web server and Axon stop: tunnels end while their departures can be recorded. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }
}
