package io.streamspace.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The session start benchmark: {@code POST /api/v1/sessions} → {@code running} seen through the
 * API, on a server with its local agent, interleaved with the bare floor (the local runtime's
 * supervisor script started directly until its RFB banner answers), so machine noise hits both
 * alike. Reports both distributions, the overhead against its targets, and where the platform's
 * time goes according to the session's history.
 */
public final class SessionStartBenchmark {

  static final double TARGET_OVERHEAD_P50_MS = 300;
  static final double TARGET_OVERHEAD_P99_MS = 1000;

  /** The stages of a start, between the history's events (and the request and the poll). */
  static final List<String> STAGES =
      List.of(
          "POST → SessionCreated",
          "SessionCreated → SessionAssigned",
          "SessionAssigned → SessionStarting",
          "SessionStarting → SessionRunning",
          "SessionRunning → seen running by the poll");

  private static final String USAGE =
      """
      Usage: streamspace-bench session-start --url URL [options]

      Times POST /api/v1/sessions -> running (polled through the API) on a server with a connected
      local agent, interleaved with the bare floor: the local runtime's session.sh started directly
      until the VNC port answers with an RFB banner.

        --url URL               the server (required)
        --admin-user NAME       system admin to log in as (default admin)
        --admin-password PW     its password (default: $STREAMSPACE_ADMIN_PASSWORD)
        --sessions N            measured sessions of each kind (default 50)
        --warmup N              unrecorded sessions of each kind first (default 2)
        --template NAME         the template to start (default xterm)
        --session-script PATH   the local runtime's session.sh (default
                                agent/src/main/resources/io/streamspace/agent/runtime/local/session.sh)
        --poll-ms N             poll interval of the API and of the floor's banner probe (default 5)
        --screen WxHxD          the floor's Xvfb screen, as the local runtime's default (1280x800x24)
        --niceness N            the floor's app niceness, as the local runtime's default (10)
        --out FILE              also write the report to FILE
      """;

  private SessionStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options.runAndExit(args, USAGE, SessionStartBenchmark::run);
  }

  static int run(Map<String, String> options) throws Exception {
    URI url = URI.create(Options.required(options, "url", USAGE));
    String password = Options.adminPassword(options);
    int sessions = Integer.parseInt(options.getOrDefault("sessions", "50"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "2"));
    long pollMillis = Long.parseLong(options.getOrDefault("poll-ms", "5"));
    Path script =
        Path.of(
            options.getOrDefault(
                "session-script",
                "agent/src/main/resources/io/streamspace/agent/runtime/local/session.sh"));
    if (!Files.isReadable(script)) {
      throw new IllegalStateException("cannot read the session script " + script);
    }
    String loadBefore = ControlPlaneBenchmark.loadAverage();

    PlainHttp http = ApiClient.newHttp();
    ApiClient admin =
        ApiClient.login(http, url, options.getOrDefault("admin-user", "admin"), password);
    awaitConnectedAgent(admin, Duration.ofSeconds(120));
    JsonNode template = findTemplate(admin, options.getOrDefault("template", "xterm"));
    List<String> command = new ArrayList<>();
    template.path("command").forEach(word -> command.add(word.asString()));
    int memoryMb = template.path("default_resources").path("memory_mb").asInt(0);
    log("template " + template.path("name").asString() + " " + command + ", " + memoryMb + " MiB");

    Path home = Files.createTempDirectory("streamspace-bench-floor");
    SessionFloor floor =
        new SessionFloor(
            script,
            home,
            options.getOrDefault("screen", "1280x800x24"),
            Integer.parseInt(options.getOrDefault("niceness", "10")),
            600);
    String templateId = template.path("id").asString();

    for (int i = 0; i < warmup; i++) {
      floor.startOnce(command, memoryMb, pollMillis);
      platformStart(admin, templateId, pollMillis);
    }
    Samples platform = new Samples();
    Samples bare = new Samples();
    Map<String, Samples> stages = new LinkedHashMap<>();
    STAGES.forEach(stage -> stages.put(stage, new Samples()));
    for (int i = 0; i < sessions; i++) {
      // Alternate which goes first, so a slow moment of the machine falls on both alike.
      if (i % 2 == 0) {
        bare.add(floor.startOnce(command, memoryMb, pollMillis));
        record(platformStart(admin, templateId, pollMillis), platform, stages);
      } else {
        record(platformStart(admin, templateId, pollMillis), platform, stages);
        bare.add(floor.startOnce(command, memoryMb, pollMillis));
      }
      if ((i + 1) % 10 == 0) {
        log((i + 1) + "/" + sessions + " of each measured");
      }
    }

    String report =
        render(
            url,
            sessions,
            pollMillis,
            loadBefore,
            Samples.merge(List.of(platform)),
            Samples.merge(List.of(bare)),
            stages);
    System.out.println();
    System.out.print(report);
    if (options.containsKey("out")) {
      Files.writeString(Path.of(options.get("out")), report);
      log("report written to " + options.get("out"));
    }
    return 0;
  }

  /** One platform start: its latency and the history's timestamps, then stopped and gone. */
  record PlatformStart(
      long nanos, Instant posted, Instant observedRunning, Map<String, Instant> history) {}

  static PlatformStart platformStart(ApiClient admin, String templateId, long pollMillis)
      throws InterruptedException {
    Instant posted = Instant.now();
    long start = System.nanoTime();
    String sessionId = admin.createSession(templateId).expect(201).id();
    String status = awaitStatus(admin, sessionId, "running", pollMillis, Duration.ofSeconds(60));
    long nanos = System.nanoTime() - start;
    Instant observed = Instant.now();
    if (!"running".equals(status)) {
      throw new IllegalStateException("session " + sessionId + " ended " + status);
    }
    Map<String, Instant> history = new LinkedHashMap<>();
    for (JsonNode event :
        admin
            .send("GET", "/api/v1/sessions/" + sessionId + "/events", null)
            .expect(200)
            .json()
            .path("items")) {
      history.putIfAbsent(
          event.path("type").asString(), Instant.parse(event.path("occurred_at").asString()));
    }
    admin.stopSession(sessionId).expect(202);
    // The next start must not share the machine with this one's teardown.
    String end = awaitStatus(admin, sessionId, "stopped", 20, Duration.ofSeconds(60));
    if (!"stopped".equals(end)) {
      throw new IllegalStateException("session " + sessionId + " did not stop: " + end);
    }
    return new PlatformStart(nanos, posted, observed, history);
  }

  private static void record(PlatformStart start, Samples platform, Map<String, Samples> stages) {
    platform.add(start.nanos());
    Map<String, Instant> h = start.history();
    addStage(stages, 0, start.posted(), h.get("SessionCreated"));
    addStage(stages, 1, h.get("SessionCreated"), h.get("SessionAssigned"));
    addStage(stages, 2, h.get("SessionAssigned"), h.get("SessionStarting"));
    addStage(stages, 3, h.get("SessionStarting"), h.get("SessionRunning"));
    addStage(stages, 4, h.get("SessionRunning"), start.observedRunning());
  }

  private static void addStage(Map<String, Samples> stages, int stage, Instant from, Instant to) {
    if (from != null && to != null) {
      stages.get(STAGES.get(stage)).add(Math.max(0, Duration.between(from, to).toNanos()));
    }
  }

  /**
   * Polls the session until it shows {@code wanted} or an end state (stopped, failed); returns the
   * last status seen.
   */
  static String awaitStatus(
      ApiClient client, String sessionId, String wanted, long pollMillis, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String status = "unknown";
    while (System.nanoTime() < deadline) {
      status = client.sessionStatus(sessionId).orElse("unknown");
      if (status.equals(wanted) || status.equals("stopped") || status.equals("failed")) {
        return status;
      }
      Thread.sleep(pollMillis);
    }
    throw new IllegalStateException(
        "session " + sessionId + " still " + status + " after " + timeout.toSeconds() + " s");
  }

  private static void awaitConnectedAgent(ApiClient admin, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode agents = admin.send("GET", "/api/v1/agents?state=connected", null).json();
      if (agents.path("items").size() > 0) {
        JsonNode agent = agents.path("items").get(0);
        log(
            "agent "
                + agent.path("id").asString()
                + " connected, capacity "
                + agent.path("capacity").path("sessions").asInt()
                + " sessions");
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("no agent connected within " + timeout.toSeconds() + " s");
  }

  private static JsonNode findTemplate(ApiClient admin, String name) {
    JsonNode page = admin.send("GET", "/api/v1/templates?page_size=100", null).expect(200).json();
    for (JsonNode template : page.path("items")) {
      if (name.equals(template.path("name").asString())) {
        return template;
      }
    }
    throw new IllegalStateException("no template named " + name + " in the admin's catalog");
  }

  static String render(
      URI url,
      int sessions,
      long pollMillis,
      String loadBefore,
      Samples.Distribution platform,
      Samples.Distribution floor,
      Map<String, Samples> stages) {
    StringBuilder out = new StringBuilder();
    out.append("## Session start, ")
        .append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .append("\n\n");
    out.append("Server ")
        .append(url)
        .append(" with its local agent; ")
        .append(sessions)
        .append(" sessions of each kind, interleaved, one at a time; API and banner polled every ")
        .append(pollMillis)
        .append(" ms. Machine: ")
        .append(ControlPlaneBenchmark.machine())
        .append("; load average before the run ")
        .append(loadBefore)
        .append(".\n\n");
    out.append("| start | count | p50 ms | p90 ms | p99 ms | max ms |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    row(out, "platform: POST → running in the API", platform);
    row(out, "floor: session.sh → RFB banner", floor);
    out.append(
        "\nWhere the platform's time goes (from the session's history; p50/p99 per stage):\n\n");
    out.append("| stage | count | p50 ms | p90 ms | p99 ms | max ms |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    stages.forEach((stage, samples) -> row(out, stage, Samples.merge(List.of(samples))));
    double overheadP50 = platform.percentileMillis(50) - floor.percentileMillis(50);
    double overheadP99 = platform.percentileMillis(99) - floor.percentileMillis(99);
    out.append("\n| figure | measured | target | |\n|---|---:|---:|---|\n");
    out.append(
        String.format(
            Locale.ROOT,
            "| overhead p50 (platform p50 − floor p50) | %.1f ms | ≤ %.0f ms | %s |%n",
            overheadP50,
            TARGET_OVERHEAD_P50_MS,
            overheadP50 <= TARGET_OVERHEAD_P50_MS ? "met" : "missed"));
    out.append(
        String.format(
            Locale.ROOT,
            "| overhead p99 (platform p99 − floor p99) | %.1f ms | ≤ %.0f ms | %s |%n",
            overheadP99,
            TARGET_OVERHEAD_P99_MS,
            overheadP99 <= TARGET_OVERHEAD_P99_MS ? "met" : "missed"));
    return out.toString();
  }

  private static void row(StringBuilder out, String name, Samples.Distribution d) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n",
            name,
            d.count(),
            d.percentileMillis(50),
            d.percentileMillis(90),
            d.percentileMillis(99),
            d.maxMillis()));
  }

  static void log(String message) {
    System.err.println("bench: " + message);
  }
}
