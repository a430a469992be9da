package io.streamspace.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The slice of StreamSpace's REST API the benchmark drives, over one shared {@link PlainHttp}
 * (HTTP/1.1 keep-alive, so the connections are reused across workers).
 */
public final class ApiClient {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final PlainHttp http;
  private final URI base;
  private final String token;

  private ApiClient(PlainHttp http, URI base, String token) {
    this.http = http;
    this.base = base;
    this.token = token;
  }

  /** Logs in through the standalone login and returns a client acting as that person. */
  public static ApiClient login(PlainHttp http, URI base, String username, String password) {
    ApiClient anonymous = new ApiClient(http, base, null);
    JsonNode body =
        anonymous
            .send("POST", "/api/v1/auth/login", Map.of("username", username, "password", password))
            .expect(200)
            .json();
    return new ApiClient(http, base, body.path("access_token").asString());
  }

  /** A client that sends no token, for a server without sign-in (the minimal reference app). */
  public static ApiClient anonymous(PlainHttp http, URI base) {
    return new ApiClient(http, base, null);
  }

  public static PlainHttp newHttp() {
    return new PlainHttp(Duration.ofSeconds(10), TIMEOUT);
  }

  /** Creates an organization whose quota the benchmark can never exhaust; returns its id. */
  public String createOrganization(String name) {
    return send(
            "POST",
            "/api/v1/organizations",
            Map.of(
                "name",
                name,
                "display_name",
                "Benchmark " + name,
                "quota",
                Map.of(
                    "max_sessions", 100_000,
                    "max_cpu_millis", 100_000_000,
                    "max_memory_mb", 1_000_000_000)))
        .expect(201)
        .id();
  }

  public String createUser(String organizationId, String username, String password, String role) {
    return send(
            "POST",
            "/api/v1/users",
            Map.of(
                "organization_id", organizationId,
                "username", username,
                "password", password,
                "email", username + "@bench.invalid",
                "display_name", username,
                "role", role))
        .expect(201)
        .id();
  }

  public String createTemplate(String name) {
    return send("POST", "/api/v1/templates", template(name, 0)).expect(201).id();
  }

  /** Replaces the template's definition; its description carries {@code revision}. */
  public Response updateTemplate(String templateId, String name, long revision) {
    return send("PUT", "/api/v1/templates/" + templateId, template(name, revision));
  }

  public Response createSession(String templateId) {
    return send("POST", "/api/v1/sessions", Map.of("template_id", templateId));
  }

  public Response stopSession(String sessionId) {
    return send("DELETE", "/api/v1/sessions/" + sessionId, null);
  }

  /** The session's status in the read model, empty while the read model does not know it. */
  public Optional<String> sessionStatus(String sessionId) {
    Response response = send("GET", "/api/v1/sessions/" + sessionId, null);
    if (response.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(response.expect(200).json().path("status").asString());
  }

  /** The template's revision as the read model shows it (-1 while it does not know it). */
  public long templateRevision(String templateId) {
    Response response = send("GET", "/api/v1/templates/" + templateId, null);
    if (response.status() == 404) {
      return -1;
    }
    return parseRevision(response.expect(200).json().path("description").asString(""));
  }

  static String description(long revision) {
    return "Benchmark template, revision " + revision;
  }

  static long parseRevision(String description) {
    int at = description.lastIndexOf(' ');
    try {
      return Long.parseLong(description.substring(at + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Map<String, Object> template(String name, long revision) {
    return Map.of(
        "name",
        name,
        "display_name",
        "Bench " + name,
        "description",
        description(revision),
        "category",
        "Benchmark",
        "tags",
        List.of("bench"),
        "image",
        "registry.invalid/streamspace/xterm:latest",
        "command",
        List.of("xterm"),
        "default_resources",
        Map.of("cpu_millis", 100, "memory_mb", 128),
        "vnc_port",
        5900,
        "environment",
        Map.of());
  }

  /** Sends one request and waits for its answer. */
  public Response send(String method, String path, Object body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    byte[] content = null;
    if (body != null) {
      headers.put("Content-Type", "application/json");
      content = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }
    try {
      PlainHttp.Answer answer = http.send(method, base.resolve(path), headers, content);
      return new Response(method + " " + path, answer.status(), answer.body());
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new ApiException(method + " " + path + " to " + base + " failed: " + reason, -1);
    }
  }

  /** An answer of the API. */
  public record Response(String request, int status, String body) {

    public boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    public Response expect(int expected) {
      if (status != expected) {
        throw new ApiException(
            request + " answered " + status + " (expected " + expected + "): " + body, status);
      }
      return this;
    }

    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String id() {
      String id = json().path("id").asString("");
      if (id.isEmpty()) {
        throw new ApiException(request + " answered without an id: " + body, status);
      }
      return id;
    }
  }

  /** The API did not answer as the benchmark needs. */
  public static final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(String message, int status) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }
}
