package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver against an in-process HTTP server that answers like the API and whose "read model"
 * shows each change only a fixed delay after acknowledging it.
 */
class LoadPhaseTest {

  private static final long PROJECTION_DELAY_MS = 30;

  private HttpServer server;
  private final Map<String, Long> sessionVisibleAt = new ConcurrentHashMap<>();
  private final Map<String, Long> stopVisibleAt = new ConcurrentHashMap<>();
  private final Map<String, long[]> templateRevision = new ConcurrentHashMap<>();
  private final AtomicInteger commands = new AtomicInteger();
  // a window in which every create waits for its end, as the server would in a stall
  private volatile long stallFrom = Long.MAX_VALUE;
  private volatile long stallUntil = Long.MAX_VALUE;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/api/v1/auth/login", ex -> answer(ex, 200, "{\"access_token\":\"t\"}"));
    server.createContext("/api/v1/sessions", this::sessions);
    server.createContext("/api/v1/templates", this::templates);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private ApiClient client() {
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return ApiClient.login(ApiClient.newHttp(), base, "admin", "pw");
  }

  private List<LoadPhase.Actor> actors(int count) {
    ApiClient api = client();
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> new LoadPhase.Actor(api, "launch-" + i, "tpl-" + i, "t" + i))
        .toList();
  }

  @Test
  void aClosedLoopCountsEveryAcknowledgedCommandAndSeesTheProjectionDelayAsLag() throws Exception {
    LagProbe probe = new LagProbe(1, 2, 2, 5_000);

    LoadPhase.Result result =
        new LoadPhase("peak", actors(4), Duration.ofSeconds(1), 0, 2, probe).run();

    assertThat(result.errors()).isEmpty();
    assertThat(result.latency().count()).isEqualTo(commands.get()).isPositive();
    assertThat(result.latencyByKind()).containsOnlyKeys(LoadPhase.Kind.values());
    assertThat(result.latencyByKind().get(LoadPhase.Kind.UPDATE_TEMPLATE).count()).isPositive();
    assertThat(result.lag().all().count()).isPositive();
    assertThat(result.lag().timedOut()).isZero();
    assertThat(result.lag().all().percentileMillis(50)).isGreaterThanOrEqualTo(PROJECTION_DELAY_MS);
    assertThat(result.lag().all().percentileMillis(50)).isLessThan(PROJECTION_DELAY_MS + 1_000);
  }

  @Test
  void aPacedPhaseNeverSendsMoreThanItsRate() throws Exception {
    LoadPhase.Result result =
        new LoadPhase("paced", actors(4), Duration.ofSeconds(1), 100, 2, null).run();

    assertThat(commands.get()).isLessThanOrEqualTo(100);
    assertThat(result.latency().count()).isEqualTo(commands.get()).isGreaterThan(50);
  }

  @Test
  void refusedCommandsAreCountedAsErrorsByKindAndStatusNotAsLatency() throws Exception {
    LoadPhase.Result result =
        new LoadPhase(
                "refused",
                List.of(new LoadPhase.Actor(client(), "launch", "tpl-refuse", "refuse")),
                Duration.ofMillis(300),
                0,
                1,
                null)
            .run();

    assertThat(result.latencyByKind().get(LoadPhase.Kind.CREATE_SESSION).count()).isPositive();
    assertThat(result.latencyByKind().get(LoadPhase.Kind.UPDATE_TEMPLATE).count()).isZero();
    assertThat(result.errors()).containsOnlyKeys("update template: 409");
  }

  @Test
  void aStallShowsAsSlowCommandsBunchedInTheSecondItHappened() throws Exception {
    long start = System.nanoTime();
    stallFrom = start + TimeUnit.MILLISECONDS.toNanos(1_200);
    stallUntil = start + TimeUnit.MILLISECONDS.toNanos(1_600);

    // a rate the in-process server keeps up with easily, so that only the stall is slow
    LoadPhase.Result result =
        new LoadPhase("paced", actors(4), Duration.ofSeconds(3), 20, 1_000, null).run();

    Timeline.SlowSeconds slow = result.timeline().slowerThan(150);
    assertThat(result.timeline().size()).isEqualTo(result.latency().count());
    assertThat(slow.slow()).isGreaterThanOrEqualTo(3);
    assertThat(slow.worst(1).get(0).getKey()).isEqualTo(1);
    assertThat(slow.shareOfWorst(1)).as("%s", slow.bySecond()).isGreaterThanOrEqualTo(0.8);
  }

  private void sessions(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    long arrived = System.nanoTime();
    if (method.equals("POST") && arrived >= stallFrom && arrived < stallUntil) {
      java.util.concurrent.locks.LockSupport.parkNanos(stallUntil - arrived);
    }
    long now = System.nanoTime();
    long delay = TimeUnit.MILLISECONDS.toNanos(PROJECTION_DELAY_MS);
    if (method.equals("POST")) {
      exchange.getRequestBody().readAllBytes();
      String id = UUID.randomUUID().toString();
      sessionVisibleAt.put(id, now + delay);
      commands.incrementAndGet();
      answer(exchange, 201, "{\"id\":\"" + id + "\",\"status\":\"pending\"}");
      return;
    }
    String id = path.substring(path.lastIndexOf('/') + 1);
    Long visibleAt = sessionVisibleAt.get(id);
    if (method.equals("DELETE")) {
      stopVisibleAt.put(id, now + delay);
      commands.incrementAndGet();
      answer(exchange, 202, "{}");
    } else if (visibleAt == null || now < visibleAt) {
      answer(exchange, 404, "{}");
    } else {
      Long stoppedAt = stopVisibleAt.get(id);
      String status = stoppedAt != null && now >= stoppedAt ? "stopped" : "pending";
      answer(exchange, 200, "{\"id\":\"" + id + "\",\"status\":\"" + status + "\"}");
    }
  }

  private void templates(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String id = path.substring(path.lastIndexOf('/') + 1);
    long now = System.nanoTime();
    if (exchange.getRequestMethod().equals("PUT")) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (id.equals("tpl-refuse")) {
        answer(exchange, 409, "{\"detail\":\"deleted\"}");
        return;
      }
      String description = ApiClient.JSON.readTree(body).path("description").asString();
      templateRevision.put(
          id,
          new long[] {
            ApiClient.parseRevision(description),
            now + TimeUnit.MILLISECONDS.toNanos(PROJECTION_DELAY_MS)
          });
      commands.incrementAndGet();
      answer(exchange, 200, "{\"id\":\"" + id + "\"}");
      return;
    }
    long[] revision = templateRevision.get(id);
    long shown = revision == null || now < revision[1] ? 0 : revision[0];
    answer(
        exchange,
        200,
        "{\"id\":\"" + id + "\",\"description\":\"" + ApiClient.description(shown) + "\"}");
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
