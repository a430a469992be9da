package io.streamspace.vnc.tunnel;

import io.rsocket.RSocket;
import io.streamspace.vnc.AgentConnections;
import io.streamspace.vnc.RequestFacts;
import io.streamspace.vnc.Viewer;
import io.streamspace.vnc.VncProblems;
import io.streamspace.vnc.VncProperties;
import io.streamspace.vnc.VncSession;
import io.streamspace.vnc.VncSessions;
import io.streamspace.vnc.access.VncGrant;
import io.streamspace.vnc.access.VncTokenRejected;
import io.streamspace.vnc.access.VncTokens;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code WebSocket /ws/vnc?token=…}: the browser's end of the VNC path, speaking what noVNC speaks
 * (binary messages, the {@code binary} subprotocol when offered). Everything is checked before the
 * upgrade, so a refused request gets a plain problem+json answer and no byte reaches the session's
 * VNC server: the Origin (against cross-site WebSocket hijacking), the token's signature, issuer,
 * audience and expiry, that the session still runs the run the token was issued for (a hibernation
 * or stop revokes its tokens), that the token's holder may still use it, and that its agent is
 * connected to this replica.
 */
@RestController
class VncSocketEndpoint {

  static final String PATH = "/ws/vnc";

  private final VncTokens tokens;
  private final VncSessions sessions;
  private final AgentConnections agents;
  private final Tunnels tunnels;
  private final RequestFacts requests;
  private final WebSocketService webSockets;
  private final VncProperties properties;

  VncSocketEndpoint(
      VncTokens tokens,
      VncSessions sessions,
      AgentConnections agents,
      Tunnels tunnels,
      RequestFacts requests,
      WebSocketService webSockets,
      VncProperties properties) {
    this.tokens = tokens;
    this.sessions = sessions;
    this.agents = agents;
    this.tunnels = tunnels;
    this.requests = requests;
    this.webSockets = webSockets;
    this.properties = properties;
  }

  @GetMapping(PATH)
  Mono<Void> open(@RequestParam(required = false) String token, ServerWebExchange exchange) {
    requireAllowedOrigin(exchange);
    VncGrant grant;
    try {
      grant = tokens.verify(token);
    } catch (VncTokenRejected rejected) {
      return Mono.error(VncProblems.unauthorized(rejected.getMessage()));
    }
    return sessions
        .find(grant.sessionId())
        .switchIfEmpty(Mono.error(() -> revoked("the session no longer exists")))
        .flatMap(session -> connect(grant, session, exchange));
  }

  private Mono<Void> connect(VncGrant grant, VncSession session, ServerWebExchange exchange) {
    // the same rule the token was issued by: the owner, their organization's admins, system admins
    if (!grant.requester().mayUse(session.organizationId(), session.userId())) {
      return Mono.error(revoked("the token's holder may not use this session"));
    }
    if (!session.isRunningSince(grant.runningSince())) {
      return Mono.error(
          revoked(
              "the session is "
                  + session.status().wireName()
                  + (session.runningSince() != null ? " and was restarted" : "")
                  + "; ask for a new token once it runs"));
    }
    RSocket agent =
        session.agentId() == null ? null : agents.connectionOf(session.agentId()).orElse(null);
    if (agent == null || agent.isDisposed()) {
      return Mono.error(
          VncProblems.unavailable("the session's agent is not connected to this server"));
    }
    if (!tunnels.reserve(session.id())) {
      return Mono.error(
          VncProblems.tooManyViewers(
              "session "
                  + session.id()
                  + " already has "
                  + properties.maxTunnelsPerSession()
                  + " viewers"));
    }
    Tunnel tunnel =
        new Tunnel(UUID.randomUUID().toString(), grant, session.agentId(), Instant.now());
    Viewer viewer =
        new Viewer(tunnel.id, session.id(), requests.callerOf(exchange, grant.requester()));
    WebSocketHandler handler =
        new WebSocketHandler() {
          @Override
          public List<String> getSubProtocols() {
            return List.of("binary");
          }

          @Override
          public Mono<Void> handle(WebSocketSession socket) {
            return tunnels.run(tunnel, viewer, socket, agent);
          }
        };
    return webSockets
        .handleRequest(exchange, handler)
        .doOnError(failure -> tunnels.release(session.id()));
  }

  private static RuntimeException revoked(String detail) {
    return VncProblems.unauthorized("the VNC token is revoked: " + detail);
  }

  /**
   * A browser always names the page's origin; only the server's own (as the browser addressed it)
   * and the configured ones may open a tunnel. Clients that are not browsers send none.
   */
  private void requireAllowedOrigin(ServerWebExchange exchange) {
    String origin = exchange.getRequest().getHeaders().getOrigin();
    if (origin == null) {
      return;
    }
    String normalized = origin.toLowerCase(Locale.ROOT);
    if (properties.allowedOrigins().stream()
        .anyMatch(allowed -> allowed.toLowerCase(Locale.ROOT).equals(normalized))) {
      return;
    }
    if (isSameOrigin(normalized, exchange)) {
      return;
    }
    throw VncProblems.forbidden("origin " + origin + " may not open VNC connections");
  }

  private static boolean isSameOrigin(String origin, ServerWebExchange exchange) {
    URI uri;
    try {
      uri = URI.create(origin);
    } catch (IllegalArgumentException e) {
      return false;
    }
    URI request = exchange.getRequest().getURI();
    if (request.getHost() == null || uri.getHost() == null) {
      return false;
    }
    boolean secure = "https".equals(request.getScheme()) || "wss".equals(request.getScheme());
    String expectedScheme = secure ? "https" : "http";
    int defaultPort = secure ? 443 : 80;
    int originPort = uri.getPort() == -1 ? defaultPort : uri.getPort();
    String requestHost = request.getHost();
    int requestPort = request.getPort() == -1 ? defaultPort : request.getPort();
    return expectedScheme.equals(uri.getScheme())
        && uri.getHost().equalsIgnoreCase(requestHost)
        && originPort == requestPort;
  }
}
