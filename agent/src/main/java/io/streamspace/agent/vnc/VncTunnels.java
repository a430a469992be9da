package io.streamspace.agent.vnc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import io.rsocket.Payload;
import io.rsocket.util.ByteBufPayload;
import io.streamspace.agent.runtime.RunningSession;
import io.streamspace.agent.runtime.SessionRuntime;
import io.streamspace.events.agent.OpenVncTunnel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.HttpResources;
import reactor.netty.tcp.TcpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's end of VNC tunnels: for each channel the server opens, connects to the session's VNC
 * server and passes bytes both ways unchanged, never reading from one side faster than the other
 * side takes them (the server's request-n drives the reads from VNC; the TCP writes drive what is
 * asked of the server).
 */
public final class VncTunnels {

  private static final Logger log = LoggerFactory.getLogger(VncTunnels.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The largest message read from the VNC server: within the agent link's frame limit ({@link
   * io.streamspace.events.agent.AgentProtocol#MAX_FRAME_BYTES}, 256 KB) with room for the frame's
   * headers.
   */
  static final int MAX_READ_BYTES = 240 * 1024;

  // Each read becomes one message on every hop to the browser, and each message costs wake-ups
  // and a write per hop whatever its size: a screen update read whole rather than in 64 KB
  // pieces (Netty's default ceiling) costs a fraction. Small reads stay small.
  private static final AdaptiveRecvByteBufAllocator READS =
      new AdaptiveRecvByteBufAllocator(64, 16 * 1024, MAX_READ_BYTES);
  // messages asked for and not yet written, per direction: the bound on what a tunnel buffers
  private static final int IN_FLIGHT = 8;

  private final SessionRuntime runtime;
  private final JsonMapper mapper;
  private final Map<String, Connection> open = new ConcurrentHashMap<>();

  public VncTunnels(SessionRuntime runtime, JsonMapper mapper) {
    this.runtime = runtime;
    this.mapper = mapper;
  }

  /** How many tunnels this agent has open. */
  public int openCount() {
    return open.size();
  }

  /**
   * Runs one tunnel: {@code opening} names the session, {@code fromServer} is what the browser
   * sends; the answer is what the session's VNC server sends.
   */
  public Flux<Payload> tunnel(Payload opening, Flux<Payload> fromServer) {
    OpenVncTunnel request;
    try {
      request = mapper.readValue(opening.getDataUtf8(), OpenVncTunnel.class);
    } catch (JacksonException e) {
      return Flux.error(new IllegalArgumentException("the tunnel request is malformed"));
    } finally {
      opening.release();
    }
    if (request.tunnelId() == null || request.sessionId() == null) {
      return Flux.error(new IllegalArgumentException("the tunnel request names no session"));
    }
    RunningSession session =
        runtime.list().stream()
            .filter(s -> s.sessionId().equals(request.sessionId()))
            .filter(s -> s.state() == RunningSession.State.RUNNING)
            .findFirst()
            .orElse(null);
    if (session == null) {
      return Flux.error(
          new IllegalStateException(
              "session " + request.sessionId() + " is not running on this agent"));
    }
    // The agent link's loops, which colocate: opened from the link's event loop (RSocket calls this
    // there), the VNC connection runs on that same thread, so no message crosses threads (a
    // wake-up each) between the VNC socket and the link.
    return TcpClient.create()
        .runOn(HttpResources.get())
        .host(session.vncHost())
        .port(session.vncPort())
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.RCVBUF_ALLOCATOR, READS)
        // Netty's adaptive allocator pools reads above 64 KB only in a JVM with 512 MB or more;
        // below that each large read was a new, zeroed direct buffer.
        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
        .connect()
        .onErrorMap(
            failure ->
                new IllegalStateException(
                    "the VNC server of session " + request.sessionId() + " does not answer"))
        .flatMapMany(connection -> bridge(request, connection, fromServer));
  }

  private Flux<Payload> bridge(OpenVncTunnel request, Connection vnc, Flux<Payload> fromServer) {
    open.put(request.tunnelId(), vnc);
    log.info("tunnel {} to session {} opened", request.tunnelId(), request.sessionId());
    Flux<ByteBuf> toVnc =
        fromServer
            .limitRate(IN_FLIGHT)
            .map(VncTunnels::takeData)
            .doOnDiscard(Payload.class, ReferenceCountUtil::safeRelease)
            .doOnDiscard(ByteBuf.class, ReferenceCountUtil::safeRelease);
    // The browser's side ending (or failing) ends the VNC connection, which ends the reads below.
    // One write at a time, each awaited, so a VNC server that stops reading holds at most
    // IN_FLIGHT messages here (a plain send would ask for 128 ahead).
    Disposable writing =
        toVnc
            .concatMap(bytes -> vnc.outbound().send(Mono.just(bytes)).then(), IN_FLIGHT)
            // Below concatMap, so that the bytes it queued are released when the tunnel ends.
            .doOnDiscard(ByteBuf.class, ReferenceCountUtil::safeRelease)
            .then()
            .subscribe(done -> {}, failure -> vnc.dispose(), vnc::dispose);
    return vnc.inbound()
        .receive()
        .retain()
        .map(bytes -> (Payload) ByteBufPayload.create(bytes))
        .doOnDiscard(ByteBuf.class, ReferenceCountUtil::safeRelease)
        .doOnDiscard(Payload.class, ReferenceCountUtil::safeRelease)
        .doFinally(
            signal -> {
              writing.dispose();
              vnc.dispose();
              open.remove(request.tunnelId(), vnc);
              log.info(
                  "tunnel {} to session {} closed ({})",
                  request.tunnelId(),
                  request.sessionId(),
                  signal);
            });
  }

  private static ByteBuf takeData(Payload payload) {
    try {
      return payload.data().retain();
    } finally {
      payload.release();
    }
  }

  /** Ends every open tunnel (the agent is closing). */
  public void closeAll() {
    open.values().forEach(Connection::dispose);
  }
}
