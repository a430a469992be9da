package io.streamspace.server.web;

import io.streamspace.server.axon.TimeOrderedIdentifiers;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id that ends up in its commands' metadata, its problem answers and the
 * {@code X-Request-Id} response header, so a client's report, the log and the audit log line up.
 *
 * <p>A client's or proxy's own id is kept when it looks like an id; anything else (too long,
 * spaces, control characters that could forge log lines) is replaced by a fresh one. Fresh ones are
 * time-ordered and drawn without the JVM-wide lock of {@code UUID.randomUUID()}, which an event
 * loop thread must never wait on (ADR 0012).
 */
public class RequestIdFilter implements WebFilter, Ordered {

  public static final String HEADER = "X-Request-Id";
  public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

  /** Runs first, so even answers of the security filters carry the id. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:@+=/-]{1,128}");

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String requestId = saneOrNew(exchange.getRequest().getHeaders().getFirst(HEADER));
    exchange.getAttributes().put(ATTRIBUTE, requestId);
    exchange.getResponse().getHeaders().set(HEADER, requestId);
    return chain.filter(exchange);
  }

  /** The chain names every filter on every request (a checkpoint each): a constant, not a hash. */
  @Override
  public String toString() {
    return "RequestIdFilter";
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  /** The request's id, or a new one when the exchange never passed this filter. */
  public static String requestId(ServerWebExchange exchange) {
    String id = exchange.getAttribute(ATTRIBUTE);
    if (id == null) {
      id = TimeOrderedIdentifiers.next();
      exchange.getAttributes().put(ATTRIBUTE, id);
    }
    return id;
  }

  static String saneOrNew(String offered) {
    return offered != null && SANE.matcher(offered).matches()
        ? offered
        : TimeOrderedIdentifiers.next();
  }
}
