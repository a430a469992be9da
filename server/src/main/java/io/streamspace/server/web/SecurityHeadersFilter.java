package io.streamspace.server.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts the security headers on every answer, errors included: a Content-Security-Policy (with
 * {@code frame-ancestors 'none'}), {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options:
 * DENY} for older browsers, a {@code Referrer-Policy}, {@code X-XSS-Protection: 0} (the old
 * browsers' filter off, as it opened more holes than it closed), no caching unless the answer says
 * how it may be cached, and {@code Strict-Transport-Security} only when the request came over TLS,
 * directly or through a trusted proxy that says so in {@code X-Forwarded-Proto} (a client's own
 * header proves nothing).
 *
 * <p>It writes what Spring Security's header writers would, which are off (IdentityConfiguration):
 * they built a case-insensitive set of the answer's header names for each writer on every answer, a
 * per cent of the server's time under load. A header a controller set itself is kept.
 */
public class SecurityHeadersFilter implements WebFilter, Ordered {

  /** Before the request id filter and everything else. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

  static final String STRICT_TRANSPORT_SECURITY = "Strict-Transport-Security";

  static final String NO_CACHE = "no-cache, no-store, max-age=0, must-revalidate";

  private final SecurityHeadersProperties properties;
  private final ClientAddressResolver clientAddresses;

  public SecurityHeadersFilter(
      SecurityHeadersProperties properties, ClientAddressResolver clientAddresses) {
    this.properties = properties;
    this.clientAddresses = clientAddresses;
  }

  /** The chain names every filter on every request (a checkpoint each): a constant, not a hash. */
  @Override
  public String toString() {
    return "SecurityHeadersFilter";
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    boolean secure = arrivedOverTls(exchange);
    exchange
        .getResponse()
        .beforeCommit(
            () -> {
              HttpHeaders headers = exchange.getResponse().getHeaders();
              setIfAbsent(headers, "Content-Security-Policy", properties.contentSecurityPolicy());
              setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
              setIfAbsent(headers, "X-Frame-Options", "DENY");
              setIfAbsent(headers, "Referrer-Policy", properties.referrerPolicy());
              setIfAbsent(headers, "X-XSS-Protection", "0");
              if (!notModified(exchange)
                  && !headers.containsHeader(HttpHeaders.CACHE_CONTROL)
                  && !headers.containsHeader(HttpHeaders.PRAGMA)
                  && !headers.containsHeader(HttpHeaders.EXPIRES)) {
                // an answer that says nothing of caching is not cached: it may be someone's data
                headers.set(HttpHeaders.CACHE_CONTROL, NO_CACHE);
                headers.set(HttpHeaders.PRAGMA, "no-cache");
                headers.set(HttpHeaders.EXPIRES, "0");
              }
              if (secure && !properties.hstsMaxAge().isZero()) {
                headers.set(
                    STRICT_TRANSPORT_SECURITY,
                    "max-age=" + properties.hstsMaxAge().toSeconds() + "; includeSubDomains");
              }
              return Mono.empty();
            });
    return chain.filter(exchange);
  }

  /** Whether the request reached the platform (or its trusted proxy) over TLS. */
  boolean arrivedOverTls(ServerWebExchange exchange) {
    if (exchange.getRequest().getSslInfo() != null) {
      return true;
    }
    if (!clientAddresses.isFromTrustedProxy(exchange)) {
      return false;
    }
    String proto = exchange.getRequest().getHeaders().getFirst("X-Forwarded-Proto");
    if (proto == null) {
      return false;
    }
    // a chain of proxies lists one scheme per hop: the first is the client's
    String first = proto.split(",", 2)[0].trim();
    return first.equalsIgnoreCase("https");
  }

  private static boolean notModified(ServerWebExchange exchange) {
    HttpStatusCode status = exchange.getResponse().getStatusCode();
    return status != null && status.isSameCodeAs(HttpStatus.NOT_MODIFIED);
  }

  private static void setIfAbsent(HttpHeaders headers, String name, String value) {
    if (value != null && !value.isBlank() && !headers.containsHeader(name)) {
      headers.set(name, value);
    }
  }
}
