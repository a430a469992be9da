package io.streamspace.bench.vnc;

import io.streamspace.bench.Options;
import io.streamspace.bench.ProcessStats;
import io.streamspace.bench.Samples;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The VNC tunnel benchmark: a synthetic RFB server measured side by side, in one run, through
 * direct loopback TCP (the ceiling), websockify (the reference proxy noVNC ships with) and
 * StreamSpace's own path (WebSocket {@code /ws/vnc} → server → RSocket → agent → TCP): aggregate
 * throughput with one and with many streams, round-trip latency of small messages over many
 * tunnels, and the heap an idle tunnel costs the server and the agent.
 */
public final class VncTunnelBenchmark {

  static final double TARGET_ADDED_P99_MS = 2.0;
  static final double TARGET_IDLE_HEAP_KB = 64;
  static final double STRETCH_THROUGHPUT = 1.5;
  static final String RELAYED_WEBSOCKIFY = "websockify + TCP relay (socat)";

  static final String USAGE =
      """
      Usage: java -jar streamspace-bench.jar vnc-tunnel [OPTIONS]

      Measures a synthetic RFB server through direct TCP, websockify and (with --url) StreamSpace's
      /ws/vnc path, side by side in one run.

        --url URL               a StreamSpace server; unset: only direct TCP and websockify
        --admin-password PW     its system admin's password (default $STREAMSPACE_ADMIN_PASSWORD)
        --agent-jar PATH        the agent's executable jar (default agent/target/streamspace-agent-exec.jar)
        --server-pid PID        the server's process id, for the idle-tunnel heap (jcmd)
        --agent-java-options S  extra JVM options of the benchmark's agent (space-separated)
        --work-dir DIR          the benchmark agent's files (default: a new directory in /tmp)
        --seconds N             length of each throughput and latency measurement (default 10)
        --warmup N              unrecorded seconds before each (default 15)
        --jit-warmup N          unrecorded seconds of 1 and of --streams streams through StreamSpace's path
                                before anything is measured (default 15 each): its JVMs compile the
                                tunnel path while it first carries data; a running server is past that
        --streams N             concurrent streams of the many-streams phase (default 50)
        --chunk-kb N            size of the synthetic server's messages (default 256)
        --echo-tunnels N        concurrent tunnels of the latency phase (default 50)
        --echo-interval-ms N    each tunnel sends one message every N ms (default 20)
        --echo-bytes N          size of an echo message (default 64)
        --idle-tunnels N        idle tunnels opened for the heap figure (default 200)
        --paths LIST            comma-separated subset of direct,websockify,relay,streamspace;
                                relay: websockify behind socat, one more TCP hop as on StreamSpace's
                                path, relayed by a program that only copies
        --out FILE              also write the report (Markdown) to FILE
      """;

  private VncTunnelBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options.runAndExit(args, USAGE, VncTunnelBenchmark::run);
  }

  /** A path to measure, and the CPU time (clock ticks) of whatever carries it (0: nothing). */
  record Route(Transport transport, LongSupplier proxyTicks) {
    String name() {
      return transport.name();
    }
  }

  /**
   * Bytes over the window, and the CPU that the proxy (websockify's processes, or the server and
   * the agent) and the benchmark's own client spent on them, in % of one core.
   */
  record Throughput(
      String path,
      int streams,
      double megabytesPerSecond,
      long bytes,
      double proxyCorePercent,
      double clientCorePercent) {

    /** CPU seconds the proxy spent per GB (10⁹ bytes) carried. */
    double proxyCpuSecondsPerGb(double seconds) {
      return proxyCorePercent / 100 * seconds / (bytes / 1e9);
    }
  }

  record Latency(String path, int tunnels, Samples.Distribution rtt) {}

  record IdleHeap(
      int tunnels, long serverBefore, long serverAfter, long agentBefore, long agentAfter) {
    double perTunnelKb() {
      return (serverAfter - serverBefore + agentAfter - agentBefore) / 1024.0 / tunnels;
    }
  }

  static int run(Map<String, String> options) throws Exception {
    int seconds = intOption(options, "seconds", 10);
    // 15 s, not 5: each phase opens its connections anew, and 50 of them spend their first seconds
    // growing socket buffers and read sizes; 5 s measured that ramp as part of the throughput
    int warmup = intOption(options, "warmup", 15);
    int jitWarmup = intOption(options, "jit-warmup", 15);
    int streams = intOption(options, "streams", 50);
    int chunk = intOption(options, "chunk-kb", 256) * 1024;
    int echoTunnels = intOption(options, "echo-tunnels", 50);
    int echoInterval = intOption(options, "echo-interval-ms", 20);
    int echoBytes = intOption(options, "echo-bytes", 64);
    int idleTunnels = intOption(options, "idle-tunnels", 200);
    List<String> wanted =
        List.of(options.getOrDefault("paths", "direct,websockify,relay,streamspace").split(","));
    String url = options.get("url");
    String started =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    String load = Files.readString(Path.of("/proc/loadavg")).trim();
    log("load average before the run: " + load);

    HttpClient http = HttpClient.newHttpClient();
    List<Route> paths = new ArrayList<>();
    long serverPid = Long.parseLong(options.getOrDefault("server-pid", "-1"));
    List<AutoCloseable> resources = new ArrayList<>();
    StreamSpacePath streamspace = null;
    Path workDir = null;
    boolean ownWorkDir = false;
    try {
      SyntheticServerProcess synthetic = SyntheticServerProcess.start();
      resources.add(synthetic);
      log("synthetic RFB server on port " + synthetic.port);
      if (wanted.contains("direct")) {
        paths.add(new Route(Transport.tcp("direct TCP", synthetic.port), () -> 0));
      }
      if (wanted.contains("websockify")) {
        ChildProcess websockify = ChildProcess.websockify(synthetic.port);
        resources.add(websockify);
        paths.add(websockifyRoute("websockify", http, websockify));
      }
      ChildProcess relay = null;
      if (wanted.contains("relay")) {
        try {
          relay = ChildProcess.socat(synthetic.port);
          resources.add(relay);
        } catch (IOException notInstalled) {
          if (options.containsKey("paths")) {
            throw notInstalled;
          }
          log("no socat (Debian's package socat): the relayed websockify path is not measured");
        }
      }
      if (relay != null) {
        // StreamSpace's topology with the cheapest relay there is: one more TCP hop, relayed by a
        // C program that only copies, so the hop's own cost can be told from the proxy's.
        ChildProcess websockify = ChildProcess.websockify(relay.port);
        resources.add(websockify);
        paths.add(websockifyRoute(RELAYED_WEBSOCKIFY, http, websockify, relay));
      }
      if (wanted.contains("streamspace") && url != null) {
        workDir =
            options.containsKey("work-dir")
                ? Files.createDirectories(Path.of(options.get("work-dir")))
                : Files.createTempDirectory("streamspace-vnc-bench");
        ownWorkDir = !options.containsKey("work-dir");
        Path agentJar =
            Path.of(options.getOrDefault("agent-jar", "agent/target/streamspace-agent-exec.jar"));
        log("starting an agent and a session with the synthetic VNC server (" + workDir + ")");
        streamspace =
            StreamSpacePath.start(
                URI.create(url),
                Options.adminPassword(options),
                agentJar,
                List.of(options.getOrDefault("agent-java-options", "").trim().split("\\s+"))
                    .stream()
                    .filter(option -> !option.isEmpty())
                    .toList(),
                workDir);
        StreamSpacePath session = streamspace;
        long agentPid = session.agentPid();
        paths.add(
            new Route(
                Transport.webSocket("StreamSpace /ws/vnc", http, session::ticket, session.origin()),
                () ->
                    ProcessStats.cpuTicks(agentPid)
                        + (serverPid > 0 ? ProcessStats.cpuTicks(serverPid) : 0)));
      } else if (wanted.contains("streamspace")) {
        log("no --url: StreamSpace's path is not measured");
      }

      if (streamspace != null) {
        Route path = paths.get(paths.size() - 1);
        for (int count : new int[] {1, streams}) {
          log("JIT warm-up: " + path.name() + ", " + count + " stream(s), not recorded");
          throughput(path, count, chunk, 0, jitWarmup);
        }
      }
      List<Throughput> throughput = new ArrayList<>();
      for (int count : new int[] {1, streams}) {
        for (Route path : paths) {
          log("throughput: " + path.name() + ", " + count + " stream(s)");
          throughput.add(throughput(path, count, chunk, warmup, seconds));
        }
      }
      List<Latency> latency = new ArrayList<>();
      for (Route path : paths) {
        log("latency: " + path.name() + ", " + echoTunnels + " tunnels");
        latency.add(
            latency(path.transport(), echoTunnels, echoInterval, echoBytes, warmup, seconds));
      }
      IdleHeap idle = null;
      if (streamspace != null && serverPid > 0) {
        log("heap: " + idleTunnels + " idle tunnels");
        idle =
            idleHeap(
                paths.get(paths.size() - 1).transport(),
                idleTunnels,
                serverPid,
                streamspace.agentPid());
      }

      String report =
          report(
              started,
              load,
              chunk,
              seconds,
              echoInterval,
              echoBytes,
              throughput,
              latency,
              idle,
              streamspace != null);
      System.out.print(report);
      if (options.containsKey("out")) {
        Files.writeString(Path.of(options.get("out")), report);
      }
      return 0;
    } finally {
      if (streamspace != null) {
        streamspace.close();
      }
      for (AutoCloseable resource : resources) {
        resource.close();
      }
      if (ownWorkDir && workDir != null) {
        StreamSpacePath.deleteQuietly(workDir);
      }
    }
  }

  static Throughput throughput(Route path, int streams, int chunk, int warmup, int seconds)
      throws Exception {
    List<SyntheticClient> clients = open(path.transport(), streams);
    long self = ProcessHandle.current().pid();
    try {
      for (SyntheticClient client : clients) {
        client.stream(chunk);
      }
      Thread.sleep(warmup * 1000L);
      long before = total(clients);
      long proxyBefore = path.proxyTicks().getAsLong();
      long clientBefore = ProcessStats.cpuTicks(self);
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      long bytes = total(clients) - before;
      long elapsed = System.nanoTime() - start;
      double ticks = ProcessStats.ticksPerSecond() * (elapsed / 1e9) / 100;
      double proxy = (path.proxyTicks().getAsLong() - proxyBefore) / ticks;
      double clientCpu = (ProcessStats.cpuTicks(self) - clientBefore) / ticks;
      for (SyntheticClient client : clients) {
        if (client.isClosed()) {
          throw new IllegalStateException(path.name() + ": a stream ended early" + client.why());
        }
      }
      return new Throughput(
          path.name(), streams, bytes / (elapsed / 1e9) / 1e6, bytes, proxy, clientCpu);
    } finally {
      closeAll(clients);
    }
  }

  static Latency latency(
      Transport path, int tunnels, int intervalMs, int size, int warmup, int seconds)
      throws Exception {
    List<SyntheticClient> clients = open(path, tunnels);
    ExecutorService workers = Executors.newFixedThreadPool(tunnels);
    try {
      for (SyntheticClient client : clients) {
        client.echoMode();
      }
      long interval = TimeUnit.MILLISECONDS.toNanos(intervalMs);
      long begin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
      long recordFrom = begin + TimeUnit.SECONDS.toNanos(warmup);
      long end = recordFrom + TimeUnit.SECONDS.toNanos(seconds);
      List<Future<Samples>> results = new ArrayList<>();
      for (SyntheticClient client : clients) {
        // Spread the tunnels over the interval, as independent users' screens would be.
        long offset = ThreadLocalRandom.current().nextLong(interval);
        results.add(
            workers.submit(
                () -> {
                  Samples samples = new Samples();
                  byte[] payload = new byte[size];
                  for (long slot = begin + offset; slot < end; slot += interval) {
                    long wait = slot - System.nanoTime();
                    if (wait > 0) {
                      TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    long rtt = client.echo(ByteBuffer.wrap(payload), slot);
                    if (slot >= recordFrom) {
                      samples.add(rtt);
                    }
                  }
                  return samples;
                }));
      }
      List<Samples> all = new ArrayList<>();
      for (Future<Samples> result : results) {
        all.add(result.get());
      }
      return new Latency(path.name(), tunnels, Samples.merge(all));
    } finally {
      workers.shutdownNow();
      closeAll(clients);
    }
  }

  static IdleHeap idleHeap(Transport path, int tunnels, long serverPid, long agentPid)
      throws Exception {
    long serverBefore = ProcessStats.heapUsedAfterFullGc(serverPid);
    long agentBefore = ProcessStats.heapUsedAfterFullGc(agentPid);
    List<SyntheticClient> clients = open(path, tunnels);
    try {
      for (SyntheticClient client : clients) {
        client.idle();
      }
      Thread.sleep(2000);
      long serverAfter = ProcessStats.heapUsedAfterFullGc(serverPid);
      long agentAfter = ProcessStats.heapUsedAfterFullGc(agentPid);
      for (SyntheticClient client : clients) {
        if (client.isClosed()) {
          throw new IllegalStateException(path.name() + ": an idle tunnel closed" + client.why());
        }
      }
      return new IdleHeap(tunnels, serverBefore, serverAfter, agentBefore, agentAfter);
    } finally {
      closeAll(clients);
    }
  }

  private static List<SyntheticClient> open(Transport path, int count) throws Exception {
    List<SyntheticClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        clients.add(SyntheticClient.connect(path));
      }
      return clients;
    } catch (Exception e) {
      closeAll(clients);
      throw e;
    }
  }

  private static void closeAll(List<SyntheticClient> clients) {
    clients.parallelStream().forEach(SyntheticClient::close);
  }

  private static long total(List<SyntheticClient> clients) {
    return clients.stream().mapToLong(SyntheticClient::received).sum();
  }

  static String report(
      String started,
      String load,
      int chunk,
      int seconds,
      int echoInterval,
      int echoBytes,
      List<Throughput> throughput,
      List<Latency> latency,
      IdleHeap idle,
      boolean withStreamSpace) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%n## VNC tunnel, %s%n%nMachine: %d cores, load average before the run %s. Synthetic"
                + " server messages of %d KB.%n%n",
            started,
            Runtime.getRuntime().availableProcessors(),
            load,
            chunk / 1024));
    out.append(
        "| path | streams | aggregate MB/s | × websockify | proxy CPU, % of a core |"
            + " proxy CPU s per GB | client CPU, % of a core |\n"
            + "|---|---:|---:|---:|---:|---:|---:|\n");
    for (Throughput t : throughput) {
      double reference = reference(throughput, t.streams());
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.0f | %s | %s | %s | %.0f |%n",
              t.path(),
              t.streams(),
              t.megabytesPerSecond(),
              Double.isNaN(reference)
                  ? ""
                  : String.format(Locale.ROOT, "%.2f", t.megabytesPerSecond() / reference),
              t.proxyCorePercent() == 0
                  ? ""
                  : String.format(Locale.ROOT, "%.0f", t.proxyCorePercent()),
              t.proxyCorePercent() == 0
                  ? ""
                  : String.format(Locale.ROOT, "%.2f", t.proxyCpuSecondsPerGb(seconds)),
              t.clientCorePercent()));
    }
    Latency direct =
        latency.stream().filter(l -> l.path().equals("direct TCP")).findFirst().orElse(null);
    out.append(
        String.format(
            Locale.ROOT,
            "%nRound trip of %d-byte messages, each tunnel sending one every %d ms (timed from its"
                + " slot):%n%n",
            echoBytes,
            echoInterval));
    out.append(
        "| path | tunnels | samples | p50 ms | p99 ms | max ms | added p50 ms | added p99 ms |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Latency l : latency) {
      Samples.Distribution d = l.rtt();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %.3f | %.3f | %.3f | %s | %s |%n",
              l.path(),
              l.tunnels(),
              d.count(),
              d.percentileMillis(50),
              d.percentileMillis(99),
              d.maxMillis(),
              direct == null || l == direct
                  ? ""
                  : fmt(d.percentileMillis(50) - direct.rtt().percentileMillis(50)),
              direct == null || l == direct
                  ? ""
                  : fmt(d.percentileMillis(99) - direct.rtt().percentileMillis(99))));
    }
    if (idle != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "%nIdle tunnels: %d; used heap after full GC, server %.1f → %.1f MiB, agent %.1f →"
                  + " %.1f MiB: **%.1f KB per idle tunnel** (server + agent).%n",
              idle.tunnels(),
              idle.serverBefore() / 1048576.0,
              idle.serverAfter() / 1048576.0,
              idle.agentBefore() / 1048576.0,
              idle.agentAfter() / 1048576.0,
              idle.perTunnelKb()));
    }
    if (withStreamSpace) {
      out.append("\n| figure | measured | target | |\n|---|---:|---:|---|\n");
      for (Throughput t : throughput) {
        double ratio = t.megabytesPerSecond() / reference(throughput, t.streams());
        if (!t.path().startsWith("StreamSpace") || Double.isNaN(ratio)) {
          continue; // websockify not measured (--paths): nothing to compare with
        }
        out.append(
            String.format(
                Locale.ROOT,
                "| throughput ÷ websockify, %d stream(s) | %.2f | ≥ 1 (stretch %.1f) | %s |%n",
                t.streams(),
                ratio,
                STRETCH_THROUGHPUT,
                ratio >= STRETCH_THROUGHPUT ? "met (stretch too)" : ratio >= 1 ? "met" : "missed"));
      }
      Latency ours =
          latency.stream().filter(l -> l.path().startsWith("StreamSpace")).findFirst().orElse(null);
      if (ours != null && direct != null) {
        double added = ours.rtt().percentileMillis(99) - direct.rtt().percentileMillis(99);
        out.append(
            String.format(
                Locale.ROOT,
                "| added p99 round trip, %d tunnels | %.3f ms | ≤ %.0f ms | %s |%n",
                ours.tunnels(),
                added,
                TARGET_ADDED_P99_MS,
                added <= TARGET_ADDED_P99_MS ? "met" : "missed"));
      }
      if (idle != null) {
        out.append(
            String.format(
                Locale.ROOT,
                "| heap per idle tunnel | %.1f KB | ≤ %.0f KB | %s |%n",
                idle.perTunnelKb(),
                TARGET_IDLE_HEAP_KB,
                idle.perTunnelKb() <= TARGET_IDLE_HEAP_KB ? "met" : "missed"));
      }
    }
    return out.toString();
  }

  private static double reference(List<Throughput> throughput, int streams) {
    return throughput.stream()
        .filter(t -> t.path().equals("websockify") && t.streams() == streams)
        .mapToDouble(Throughput::megabytesPerSecond)
        .findFirst()
        .orElse(Double.NaN);
  }

  private static String fmt(double millis) {
    return String.format(Locale.ROOT, "%+.3f", millis);
  }

  private static int intOption(Map<String, String> options, String name, int fallback) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    int parsed = Integer.parseInt(value);
    if (parsed < 1) {
      throw new IllegalStateException("--" + name + " must be at least 1");
    }
    return parsed;
  }

  static void log(String message) {
    System.err.println("vnc-tunnel: " + message);
  }

  /** Free port on the loopback interface, for a child process to listen on. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void awaitListening(int port, Process process, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(what + " exited with " + process.exitValue());
      }
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException(what + " did not listen on port " + port + " within 20 s");
  }

  /** The synthetic server in a JVM of its own, as every path sees it. */
  static final class SyntheticServerProcess implements AutoCloseable {
    final Process process;
    final int port;

    private SyntheticServerProcess(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static SyntheticServerProcess start() throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC"));
      command.addAll(entryPoint());
      command.addAll(List.of("vnc-synthetic-server", "--port", "0"));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = lines.readLine();
      if (line == null || !line.contains("127.0.0.1:")) {
        process.destroyForcibly();
        throw new IllegalStateException("the synthetic server did not start: " + line);
      }
      return new SyntheticServerProcess(
          process, Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim()));
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * How a child JVM runs the benchmark's entry point: {@code -jar} when the benchmark runs from its
   * executable jar, the main class on this class path otherwise (tests, an IDE).
   */
  static List<String> entryPoint() {
    String classPath = System.getProperty("java.class.path");
    if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
      return List.of("-jar", Path.of(classPath).toAbsolutePath().toString());
    }
    return List.of("-cp", classPath, "io.streamspace.bench.ControlPlaneBenchmark");
  }

  /**
   * A path through websockify; the proxy's CPU is that of the given processes and their children.
   */
  static Route websockifyRoute(
      String name, HttpClient http, ChildProcess websockify, ChildProcess... before) {
    URI uri = URI.create("ws://127.0.0.1:" + websockify.port() + "/");
    List<Long> pids = new ArrayList<>();
    pids.add(websockify.process().pid());
    for (ChildProcess process : before) {
      pids.add(process.process().pid());
    }
    return new Route(
        Transport.webSocket(name, http, () -> uri, null),
        () -> pids.stream().mapToLong(ProcessStats::treeCpuTicks).sum());
  }

  /**
   * A program of the machine's listening on a free loopback port in front of the synthetic server.
   * Both fork a process per connection, which ends with its connection.
   */
  record ChildProcess(Process process, int port) implements AutoCloseable {

    /** websockify (Debian's package), as noVNC's docs run it. */
    static ChildProcess websockify(int targetPort) throws Exception {
      return start(
          "websockify",
          port -> List.of("websockify", "127.0.0.1:" + port, "127.0.0.1:" + targetPort));
    }

    /**
     * socat (Debian's package) relaying TCP, with reads and writes of up to 256 KB (default 8 KB).
     */
    static ChildProcess socat(int targetPort) throws Exception {
      return start(
          "socat",
          port ->
              List.of(
                  "socat",
                  "-b",
                  "262144",
                  "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork,nodelay",
                  "TCP:127.0.0.1:" + targetPort + ",nodelay"));
    }

    private static ChildProcess start(String what, IntFunction<List<String>> command)
        throws Exception {
      int port = freePort();
      Process process =
          new ProcessBuilder(command.apply(port))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      awaitListening(port, process, what);
      return new ChildProcess(process, port);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
