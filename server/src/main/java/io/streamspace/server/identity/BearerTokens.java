package io.streamspace.server.identity;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's bearer-token reading with the well-formed header checked character by
 * character: a case-insensitive regular expression over the whole token on every request was 3 % of
 * the server's time under load. Everything else (no header, a malformed one, a token in the query
 * as well) goes to Spring's converter, which answers as it always does.
 */
final class BearerTokens implements ServerAuthenticationConverter {

  private static final String SCHEME = "Bearer ";
  private static final String QUERY_TOKEN = "access_token";

  /** The characters of Spring's {@code [a-zA-Z0-9-._~+/]}, looked up rather than compared. */
  private static final boolean[] TOKEN_CHARS = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      TOKEN_CHARS[c] = true;
      TOKEN_CHARS[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      TOKEN_CHARS[c] = true;
    }
    for (char c : "-._~+/".toCharArray()) {
      TOKEN_CHARS[c] = true;
    }
  }

  private final ServerBearerTokenAuthenticationConverter spring =
      new ServerBearerTokenAuthenticationConverter();

  @Override
  public Mono<Authentication> convert(ServerWebExchange exchange) {
    String token = wellFormedToken(exchange.getRequest());
    return token != null
        ? Mono.just(new BearerTokenAuthenticationToken(token))
        : spring.convert(exchange);
  }

  /** The token of a header Spring's {@code ^Bearer [a-zA-Z0-9-._~+/]+=*$} accepts, else null. */
  static String wellFormedToken(ServerHttpRequest request) {
    List<String> headers = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    if (headers == null || headers.isEmpty()) {
      return null;
    }
    String header = headers.get(0);
    if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    if (request.getURI().getRawQuery() != null
        && request.getQueryParams().containsKey(QUERY_TOKEN)) {
      return null; // two tokens: Spring's refusal
    }
    return tokenChars(header, SCHEME.length()) ? header.substring(SCHEME.length()) : null;
  }

  private static boolean tokenChars(String header, int start) {
    int end = header.length();
    while (end > start && header.charAt(end - 1) == '=') {
      end--;
    }
    if (end == start) {
      return false; // no character before the padding
    }
    for (int i = start; i < end; i++) {
      char c = header.charAt(i);
      if (c >= TOKEN_CHARS.length || !TOKEN_CHARS[c]) {
        return false;
      }
    }
    return true;
  }
}
