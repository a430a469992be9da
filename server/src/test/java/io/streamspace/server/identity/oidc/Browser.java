package io.streamspace.server.identity.oidc;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal browser for the login flows: keeps cookies, follows redirects one by one (so a test can
 * stop at the one it wants to look at), and fills in the provider's login form.
 */
final class Browser {

  private static final Pattern CSRF =
      Pattern.compile(
          "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  HttpResponse<String> get(URI uri) {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Accept", "text/html,application/xhtml+xml")
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build());
  }

  HttpResponse<String> postForm(URI uri, Map<String, String> form) {
    return postForm(uri, form, null);
  }

  HttpResponse<String> postForm(URI uri, Map<String, String> form, String basicAuth) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html,application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
    if (basicAuth != null) {
      request.header("Authorization", "Basic " + basicAuth);
    }
    return send(request.build());
  }

  /**
   * Follows redirects from {@code response}, logging in at the provider's form as {@code username}
   * when it asks, until a redirect's target matches {@code stop}; answers that target.
   */
  URI followUntil(
      HttpResponse<String> response, Predicate<URI> stop, String username, String password) {
    for (int hop = 0; hop < 20; hop++) {
      if (response.statusCode() / 100 != 3) {
        if (response.statusCode() == 200 && response.body().contains("name=\"username\"")) {
          response = login(response, username, password);
          continue;
        }
        throw new AssertionError(
            "expected a redirect from "
                + response.uri()
                + ", got "
                + response.statusCode()
                + ": "
                + response.body());
      }
      URI next = response.uri().resolve(location(response));
      if (stop.test(next)) {
        return next;
      }
      response = get(next);
    }
    throw new AssertionError("too many redirects");
  }

  private HttpResponse<String> login(HttpResponse<String> page, String username, String password) {
    Matcher csrf = CSRF.matcher(page.body());
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", username);
    form.put("password", password);
    if (csrf.find()) {
      form.put("_csrf", csrf.group(1) != null ? csrf.group(1) : csrf.group(2));
    }
    return postForm(page.uri().resolve("/login"), form);
  }

  static String location(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Location")
        .orElseThrow(() -> new AssertionError("no Location in " + response));
  }

  /** The query (or fragment) parameters of {@code text} ({@code a=1&b=2}). */
  static Map<String, String> parameters(String text) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return parameters;
    }
    for (String pair : text.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return parameters;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("request to " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(Map<String, String> form) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (name, value) -> {
          if (!body.isEmpty()) {
            body.append('&');
          }
          body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    return body.toString();
  }
}
