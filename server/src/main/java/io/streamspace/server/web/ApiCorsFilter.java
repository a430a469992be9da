package io.streamspace.server.web;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for the configured UI origins ({@code streamspace.http.cors.allowed-origins}) on {@code
 * /api/**}: preflights are answered before authentication (they carry no credentials), and
 * cross-origin requests from any other origin are refused with 403. Without configured origins it
 * does nothing: same origin only, which the browser enforces by itself.
 *
 * <p>Bearer tokens and API keys travel in headers, never cookies, so credentials are not allowed.
 */
public class ApiCorsFilter implements WebFilter, Ordered {

  /** Before Spring Security (-100): a preflight never needs a token. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

  private final WebFilter cors;

  public ApiCorsFilter(CorsProperties properties) {
    this.cors = properties.allowedOrigins().isEmpty() ? null : corsFor(properties);
  }

  /** The chain names every filter on every request (a checkpoint each): a constant, not a hash. */
  @Override
  public String toString() {
    return "ApiCorsFilter";
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return cors == null ? chain.filter(exchange) : cors.filter(exchange, chain);
  }

  private static WebFilter corsFor(CorsProperties properties) {
    CorsConfiguration api = new CorsConfiguration();
    api.setAllowedOrigins(properties.allowedOrigins());
    api.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
    api.setAllowedHeaders(
        List.of(
            "Authorization",
            "Content-Type",
            "Accept",
            "Idempotency-Key",
            "X-Request-Id",
            "X-API-Key"));
    api.setExposedHeaders(List.of("Location", "Retry-After", "X-Request-Id"));
    api.setAllowCredentials(false);
    api.setMaxAge(properties.maxAge());
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/api/**", api);
    return new CorsWebFilter(source);
  }
}
