package io.streamspace.server.ui;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;

/**
 * Which browser requests belong to the single-page UI: a page navigation (a {@code GET} that
 * explicitly accepts {@code text/html}) to a path no server component owns. The listed prefixes are
 * the API, the WebSockets, the VNC viewer and its files, operations, the OpenAPI document and the
 * OIDC endpoints: a mistyped API path must answer the API's 404, never the UI's page.
 */
public final class UiRoutes {

  /** Paths the UI fallback never answers. */
  public static final List<String> SERVER_PREFIXES =
      List.of(
          "/api/",
          "/ws/",
          "/view/",
          "/novnc/",
          "/actuator/",
          "/v3/",
          "/.well-known/",
          "/login/oauth2/",
          "/oauth2/");

  private UiRoutes() {}

  /** True when {@code path} is one of the server's own (or below it). */
  public static boolean ownedByServer(String path) {
    for (String prefix : SERVER_PREFIXES) {
      if (path.startsWith(prefix) || path.equals(prefix.substring(0, prefix.length() - 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True for a navigation the UI answers with its page. Only an explicit {@code text/html} counts:
   * {@code *}{@code /*} is what scripts and API clients send, and they must get a real 404.
   */
  static boolean isPageNavigation(ServerWebExchange exchange) {
    if (!"GET".equals(exchange.getRequest().getMethod().name())) {
      return false;
    }
    if (ownedByServer(exchange.getRequest().getPath().pathWithinApplication().value())) {
      return false;
    }
    List<MediaType> accepted = exchange.getRequest().getHeaders().getAccept();
    return accepted.stream()
        .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML));
  }
}
