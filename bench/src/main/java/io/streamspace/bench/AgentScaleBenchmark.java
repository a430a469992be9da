package io.streamspace.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The agent-scale benchmark: many simulated agents ({@link SimulatedAgents}) connected to one
 * server, each heartbeating every 10 s. Measures the server's heap per connected agent (used heap
 * after full collections with the agents minus without, through jcmd), the server's CPU for the
 * heartbeats (from /proc over a steady window, beside an idle one), and whether any heartbeat was
 * missed (every agent connected with a fresh heartbeat in {@code GET /api/v1/agents}, no {@code
 * AgentDisconnected} in the audit log, no connection lost on the client side).
 */
public final class AgentScaleBenchmark {

  static final double TARGET_HEAP_PER_AGENT_KB = 100;
  static final long MAX_HEARTBEAT_AGE_SECONDS = 20;

  private static final String USAGE =
      """
      Usage: streamspace-bench agents --url URL --server-pid PID [options]

      Connects simulated agents (RSocket over WebSocket, 10 s heartbeats) to one server started
      WITHOUT its local agent, and measures heap per agent, heartbeat CPU and missed heartbeats.

        --url URL               the server (required)
        --server-pid PID        the server JVM's pid, for jcmd and /proc (required)
        --data-dir DIR          the server's data dir: its embedded PostgreSQL's CPU is reported too
        --admin-user NAME       system admin to log in as (default admin)
        --admin-password PW     its password (default: $STREAMSPACE_ADMIN_PASSWORD)
        --agents N              simulated agents (default 1000)
        --concurrency N         connections being set up at once (default 16)
        --heartbeat-seconds N   heartbeat interval (default 10, the protocol's)
        --window-seconds N      length of the idle and the steady CPU windows (default 60)
        --soak-seconds N        how long all agents stay connected before the final check (default 180)
        --out FILE              also write the report to FILE
      """;

  private AgentScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options.runAndExit(args, USAGE, AgentScaleBenchmark::run);
  }

  static int run(Map<String, String> options) throws Exception {
    URI url = URI.create(Options.required(options, "url", USAGE));
    long pid = Long.parseLong(Options.required(options, "server-pid", USAGE));
    String password = Options.adminPassword(options);
    int count = Integer.parseInt(options.getOrDefault("agents", "1000"));
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
    Duration heartbeat =
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("heartbeat-seconds", "10")));
    Duration window =
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("window-seconds", "60")));
    Duration soak = Duration.ofSeconds(Long.parseLong(options.getOrDefault("soak-seconds", "180")));
    long postmaster =
        options.containsKey("data-dir")
            ? ProcessStats.postmasterPid(Path.of(options.get("data-dir")))
            : -1;
    long hz = ProcessStats.ticksPerSecond();
    String loadBefore = ControlPlaneBenchmark.loadAverage();

    PlainHttp http = ApiClient.newHttp();
    ApiClient admin =
        ApiClient.login(http, url, options.getOrDefault("admin-user", "admin"), password);
    String run = "bench-agents-" + Instant.now().getEpochSecond();
    String token =
        admin
            .send("POST", "/api/v1/agents/tokens", Map.of("name", run))
            .expect(201)
            .json()
            .path("token")
            .asString();
    int before = agentsListed(admin, "connected").size();
    if (before > 0) {
      log(
          "WARNING: "
              + before
              + " agents already connected: start the server without its local agent");
    }

    try (SimulatedAgents agents = new SimulatedAgents(url, token, heartbeat)) {
      // Warm-up: the connect, inventory and heartbeat paths run once before the baseline, so
      // the baseline holds what they keep whatever the number of agents (caches, pools).
      log("warm-up: 20 agents connect, heartbeat and leave ...");
      agents.connect(run + "-warmup", 20, concurrency);
      Thread.sleep(heartbeat.toMillis() + 2000);
      agents.disconnectAll();
      Thread.sleep(5000);
      Instant from = Instant.now();

      long heap0 = ProcessStats.heapUsedAfterFullGc(pid);
      log(String.format(Locale.ROOT, "heap with 0 agents: %.1f MiB", heap0 / 1048576.0));
      log("idle window " + window.toSeconds() + " s ...");
      Cpu idle = measureCpu(pid, postmaster, window, hz);

      log("connecting " + count + " agents, " + concurrency + " at a time ...");
      long connectStart = System.nanoTime();
      Samples connectTimes = agents.connect(run, count, concurrency);
      double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
      Instant allConnected = Instant.now();
      log(
          String.format(
              Locale.ROOT, "%d agents connected in %.1f s", agents.connected(), connectSeconds));

      // Let every agent settle into its heartbeat rhythm before the steady window.
      Thread.sleep(heartbeat.toMillis() * 2);
      AgentCheck early = checkAgents(admin, agents.ids());
      log("check after settling: " + early);
      log("steady window " + window.toSeconds() + " s with " + count + " agents heartbeating ...");
      long sentBefore = agents.heartbeatsSent.get();
      Cpu steady = measureCpu(pid, postmaster, window, hz);
      long sentInWindow = agents.heartbeatsSent.get() - sentBefore;
      long heap1 = ProcessStats.heapUsedAfterFullGc(pid);
      log(String.format(Locale.ROOT, "heap with %d agents: %.1f MiB", count, heap1 / 1048576.0));

      long remaining = soak.toMillis() - Duration.between(allConnected, Instant.now()).toMillis();
      if (remaining > 0) {
        log("soaking " + remaining / 1000 + " s more ...");
        Thread.sleep(remaining);
      }
      AgentCheck last = checkAgents(admin, agents.ids());
      log("final check: " + last);
      int disconnects = countAudit(admin, "AgentDisconnected", from);
      // The warm-up agents' own disconnects, before the window: proof that the filter finds them.
      int warmupDisconnects = countAudit(admin, "AgentDisconnected", Instant.EPOCH) - disconnects;
      double soakSeconds = Duration.between(allConnected, Instant.now()).toMillis() / 1000.0;

      String report =
          render(
              url,
              count,
              concurrency,
              heartbeat,
              loadBefore,
              heap0,
              heap1,
              idle,
              steady,
              sentInWindow,
              connectTimes,
              connectSeconds,
              early,
              last,
              disconnects,
              warmupDisconnects,
              soakSeconds,
              agents);
      System.out.println();
      System.out.print(report);
      if (options.containsKey("out")) {
        Files.writeString(Path.of(options.get("out")), report);
        log("report written to " + options.get("out"));
      }
      return 0;
    }
  }

  /** CPU over a window, in ticks, of the server JVM, its PostgreSQL, and this benchmark. */
  record Cpu(double seconds, long server, long postgres, long self, long hz) {
    double percent(long ticks) {
      return 100.0 * ticks / hz / seconds;
    }
  }

  static Cpu measureCpu(long pid, long postmaster, Duration window, long hz)
      throws InterruptedException {
    long self = ProcessHandle.current().pid();
    long server0 = ProcessStats.cpuTicks(pid);
    long pg0 = postmaster > 0 ? ProcessStats.treeCpuTicks(postmaster) : 0;
    long self0 = ProcessStats.cpuTicks(self);
    long start = System.nanoTime();
    Thread.sleep(window.toMillis());
    long server1 = ProcessStats.cpuTicks(pid);
    long pg1 = postmaster > 0 ? ProcessStats.treeCpuTicks(postmaster) : 0;
    long self1 = ProcessStats.cpuTicks(self);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Cpu(seconds, server1 - server0, pg1 - pg0, self1 - self0, hz);
  }

  /** What {@code GET /api/v1/agents} says of the simulated agents. */
  record AgentCheck(int expected, int listed, int connected, long maxHeartbeatAge, int stale) {
    boolean allFresh() {
      return connected == expected && stale == 0;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d/%d connected, max heartbeat age %d s, %d older than %d s",
          connected,
          expected,
          maxHeartbeatAge,
          stale,
          MAX_HEARTBEAT_AGE_SECONDS);
    }
  }

  static AgentCheck checkAgents(ApiClient admin, List<String> ids) {
    Set<String> wanted = new HashSet<>(ids);
    int listed = 0;
    int connected = 0;
    int stale = 0;
    long maxAge = 0;
    for (JsonNode agent : agentsListed(admin, null)) {
      if (!wanted.contains(agent.path("id").asString())) {
        continue;
      }
      listed++;
      if ("connected".equals(agent.path("state").asString())) {
        connected++;
      }
      JsonNode age = agent.path("heartbeat_age_seconds");
      long seconds = age.isNumber() ? age.asLong() : Long.MAX_VALUE;
      maxAge = Math.max(maxAge, seconds);
      if (seconds > MAX_HEARTBEAT_AGE_SECONDS) {
        stale++;
      }
    }
    return new AgentCheck(ids.size(), listed, connected, maxAge, stale);
  }

  /** Every agent the API lists (all states when {@code state} is null), all pages. */
  static List<JsonNode> agentsListed(ApiClient admin, String state) {
    List<JsonNode> all = new java.util.ArrayList<>();
    String pageToken = "";
    do {
      String path =
          "/api/v1/agents?page_size=100"
              + (state == null ? "" : "&state=" + state)
              + (pageToken.isEmpty() ? "" : "&page_token=" + enc(pageToken));
      JsonNode page = admin.send("GET", path, null).expect(200).json();
      page.path("items").forEach(all::add);
      pageToken = page.path("next_page_token").asString("");
    } while (!pageToken.isEmpty());
    return all;
  }

  static int countAudit(ApiClient admin, String eventType, Instant from) {
    int count = 0;
    String pageToken = "";
    do {
      String path =
          "/api/v1/audit?page_size=100&event_type="
              + eventType
              + "&from="
              + enc(from.truncatedTo(ChronoUnit.SECONDS).toString())
              + (pageToken.isEmpty() ? "" : "&page_token=" + enc(pageToken));
      JsonNode page = admin.send("GET", path, null).expect(200).json();
      count += page.path("items").size();
      pageToken = page.path("next_page_token").asString("");
    } while (!pageToken.isEmpty());
    return count;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String render(
      URI url,
      int count,
      int concurrency,
      Duration heartbeat,
      String loadBefore,
      long heap0,
      long heap1,
      Cpu idle,
      Cpu steady,
      long sentInWindow,
      Samples connectTimes,
      double connectSeconds,
      AgentCheck early,
      AgentCheck last,
      int disconnects,
      int warmupDisconnects,
      double soakSeconds,
      SimulatedAgents agents) {
    double perAgentKb = (heap1 - heap0) / 1024.0 / count;
    Samples.Distribution connect = Samples.merge(List.of(connectTimes));
    StringBuilder out = new StringBuilder();
    out.append("## Agent scale, ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append("\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "Server %s (no local agent); %d simulated agents, %d connecting at a time, heartbeat every"
                + " %d s. Machine: %s; load average before the run %s.%n%n",
            url,
            count,
            concurrency,
            heartbeat.toSeconds(),
            ControlPlaneBenchmark.machine(),
            loadBefore));
    out.append(
        String.format(
            Locale.ROOT,
            "Connecting: all %d in %.1f s; per agent (dial → inventory receipt) p50 %.1f ms, p99"
                + " %.1f ms, max %.1f ms.%n%n",
            count,
            connectSeconds,
            connect.percentileMillis(50),
            connect.percentileMillis(99),
            connect.maxMillis()));
    out.append(
        "| window | seconds | server JVM % of a core | its PostgreSQL % | benchmark % | heartbeats sent |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    cpuRow(out, "idle, 0 agents", idle, 0);
    cpuRow(out, "steady, " + count + " agents", steady, sentInWindow);
    double heartbeatCpu = steady.percent(steady.server()) - idle.percent(idle.server());
    double heartbeatPg = steady.percent(steady.postgres()) - idle.percent(idle.postgres());
    out.append(
        String.format(
            Locale.ROOT,
            "%nHeap (used after full GC, jcmd): %.1f MiB with 0 agents, %.1f MiB with %d → %.1f KB"
                + " per agent.%n",
            heap0 / 1048576.0,
            heap1 / 1048576.0,
            count,
            perAgentKb));
    out.append(
        String.format(
            Locale.ROOT,
            "%nAfter settling: %s. After %.0f s connected: %s. AgentDisconnected in the audit log"
                + " since the warm-up: %d (before it, the 20 warm-up agents leaving: %d). Client"
                + " side: %d heartbeats sent, %d failed, %d connections lost.%n",
            early,
            soakSeconds,
            last,
            disconnects,
            warmupDisconnects,
            agents.heartbeatsSent.get(),
            agents.heartbeatsFailed.get(),
            agents.connectionsLost.get()));
    boolean noneMissed =
        early.allFresh()
            && last.allFresh()
            && disconnects == 0
            && agents.heartbeatsFailed.get() == 0
            && agents.connectionsLost.get() == 0;
    out.append("\n| figure | measured | target | |\n|---|---:|---:|---|\n");
    out.append(
        String.format(
            Locale.ROOT,
            "| heap per connected agent | %.1f KB | ≤ %.0f KB | %s |%n",
            perAgentKb,
            TARGET_HEAP_PER_AGENT_KB,
            perAgentKb <= TARGET_HEAP_PER_AGENT_KB ? "met" : "missed"));
    out.append(
        String.format(
            Locale.ROOT,
            "| heartbeats missed | %s | none | %s |%n",
            noneMissed ? "none" : "some (see above)",
            noneMissed ? "met" : "missed"));
    out.append(
        String.format(
            Locale.ROOT,
            "| server CPU for heartbeats (steady − idle) | %.1f %% of a core (+ %.1f %% PostgreSQL) |"
                + " reported | |%n",
            heartbeatCpu,
            heartbeatPg));
    return out.toString();
  }

  private static void cpuRow(StringBuilder out, String name, Cpu cpu, long heartbeats) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %.1f | %.1f | %.1f | %.1f | %d |%n",
            name,
            cpu.seconds(),
            cpu.percent(cpu.server()),
            cpu.percent(cpu.postgres()),
            cpu.percent(cpu.self()),
            heartbeats));
  }

  static void log(String message) {
    System.err.println("bench: " + message);
  }
}
