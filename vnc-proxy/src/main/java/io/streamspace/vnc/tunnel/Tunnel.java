package io.streamspace.vnc.tunnel;

import io.streamspace.vnc.access.VncGrant;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.web.reactive.socket.CloseStatus;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One open browser ⇄ session tunnel on this replica: what it is for, and the switch that ends it
 * from outside (its session stopped, the server shuts down). The first reason given is the one
 * recorded.
 */
final class Tunnel {

  final String id;
  final VncGrant grant;
  final String agentId;
  final Instant openedAt;
  private final AtomicReference<String> endReason = new AtomicReference<>();
  private final AtomicReference<CloseStatus> endedWith = new AtomicReference<>();
  private final Sinks.One<CloseStatus> ended = Sinks.one();

  Tunnel(String id, VncGrant grant, String agentId, Instant openedAt) {
    this.id = id;
    this.grant = grant;
    this.agentId = agentId;
    this.openedAt = openedAt;
  }

  String sessionId() {
    return grant.sessionId();
  }

  /** Notes why the tunnel ends, unless an earlier reason was noted. */
  void ending(String reason) {
    endReason.compareAndSet(null, reason);
  }

  /** Ends the tunnel from outside: the browser gets {@code status}, the agent a cancel. */
  void end(CloseStatus status) {
    ending(status.getReason());
    endedWith.compareAndSet(null, status);
    ended.tryEmitValue(status);
  }

  /** Emits when {@link #end} was called. */
  Mono<CloseStatus> endedFromOutside() {
    return ended.asMono();
  }

  /** Notes how the browser's WebSocket is to be closed, unless an earlier status was noted. */
  void closeWith(CloseStatus status) {
    ending(status.getReason());
    endedWith.compareAndSet(null, status);
  }

  /** How the browser's WebSocket is to be closed; null while nothing ended the tunnel. */
  CloseStatus endedWith() {
    return endedWith.get();
  }

  String endReason() {
    String reason = endReason.get();
    return reason != null ? reason : "the tunnel closed";
  }
}
