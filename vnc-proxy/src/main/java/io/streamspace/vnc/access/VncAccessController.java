package io.streamspace.vnc.access;

import io.streamspace.events.common.Caller;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.vnc.VncProblems;
import io.streamspace.vnc.VncSession;
import io.streamspace.vnc.VncSessions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Hands out VNC tokens: only to people who may use the session (its owner, their organization's
 * admins, system admins), and only while it runs. Another organization's session is 404, as absent.
 */
@RestController
class VncAccessController {

  private final VncSessions sessions;
  private final VncTokens tokens;

  VncAccessController(VncSessions sessions, VncTokens tokens) {
    this.sessions = sessions;
    this.tokens = tokens;
  }

  @GetMapping("/api/v1/sessions/{id}/vnc")
  Mono<ResponseEntity<VncAccess>> access(
      @PathVariable String id, Caller caller, ServerWebExchange exchange) {
    return sessions
        .find(id)
        .filter(session -> caller.requester().mayUse(session.organizationId(), session.userId()))
        .switchIfEmpty(Mono.error(() -> VncProblems.notFound("session " + id + " not found")))
        .map(session -> grant(session, caller, exchange));
  }

  private ResponseEntity<VncAccess> grant(
      VncSession session, Caller caller, ServerWebExchange exchange) {
    if (session.status() != SessionStatus.RUNNING || session.runningSince() == null) {
      throw VncProblems.conflict(
          "session is "
              + session.status().wireName()
              + "; only a running session's desktop can be opened");
    }
    VncGrant grant =
        tokens.grant(
            session.id(),
            caller.userId(),
            caller.organizationId(),
            caller.role(),
            session.runningSince());
    String token = tokens.sign(grant);
    return ResponseEntity.ok()
        // a credential: never cached, never replayed by the Idempotency-Key store
        .cacheControl(CacheControl.noStore())
        .body(new VncAccess(socketUrl(exchange, token), token, grant.expiresAt()));
  }

  /** {@code ws(s)://} the host the browser used (as forwarded headers say, when trusted). */
  static String socketUrl(ServerWebExchange exchange, String token) {
    URI uri = exchange.getRequest().getURI();
    String scheme = "https".equalsIgnoreCase(uri.getScheme()) ? "wss" : "ws";
    String authority = uri.getRawAuthority();
    return scheme
        + "://"
        + authority
        + "/ws/vnc?token="
        + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }
}
