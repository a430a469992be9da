package io.streamspace.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The control-plane benchmark: sets up a benchmark organization through the API, warms the server
 * up, measures a closed-loop peak phase between two readings of the pgbench ceiling and then a
 * phase paced at half that peak, and prints the figures next to the targets of docs/benchmarks.md.
 */
public final class ControlPlaneBenchmark {

  static final double TARGET_RATIO = 0.1;
  static final double STRETCH_RATIO = 0.2;
  static final double TARGET_HALF_RATE_P99_MS = 50;
  static final double TARGET_LAG_P99_MS = 200;

  private ControlPlaneBenchmark() {}

  public static void main(String[] args) throws Exception {
    // The jar's other benchmarks (and the servers they start), by name as the first argument.
    if (args.length > 0 && OTHER_COMMANDS.containsKey(args[0])) {
      OTHER_COMMANDS.get(args[0]).main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("control-plane")) {
      args = java.util.Arrays.copyOfRange(args, 1, args.length);
    }
    commandLine(
        args,
        BenchOptions.USAGE,
        a -> BenchOptions.parse(a, System.getenv()),
        ControlPlaneBenchmark::run);
  }

  /** A command of the jar: its arguments without the command's name. */
  @FunctionalInterface
  interface Command {
    void main(String[] args) throws Exception;
  }

  /** The unrecorded load after each idle reading of the ceiling ({@link #resettle}). */
  static final Duration RESETTLE = Duration.ofSeconds(15);

  private static final Map<String, Command> OTHER_COMMANDS =
      Map.of(
          "session-start", SessionStartBenchmark::main,
          "agents", AgentScaleBenchmark::main,
          "vnc-tunnel", io.streamspace.bench.vnc.VncTunnelBenchmark::main,
          "minimal", MinimalStackComparison::main,
          // a server, not a benchmark: it runs until it is stopped
          "minimal-app", io.streamspace.bench.minimal.MinimalAxonApp::main,
          "vnc-synthetic-server", io.streamspace.bench.vnc.SyntheticRfbServer::main);

  /** How a benchmark runs once its options are read: the exit status. */
  @FunctionalInterface
  interface Run<O> {
    int run(O options) throws Exception;
  }

  /**
   * The command line of a benchmark: usage on --help, usage and exit status 2 on bad options, else
   * the run's status (1 when the API did not answer as the benchmark needs).
   */
  static <O> void commandLine(
      String[] args, String usage, java.util.function.Function<String[], O> parse, Run<O> benchmark)
      throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(usage);
      return;
    }
    O options;
    try {
      options = parse.apply(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.print(usage);
      System.exit(2);
      return;
    }
    int status;
    try {
      status = benchmark.run(options);
    } catch (ApiClient.ApiException | IllegalStateException e) {
      System.err.println("bench: failed: " + e.getMessage());
      status = 1;
    }
    System.exit(status);
  }

  static int run(BenchOptions options) throws Exception {
    PlainHttp http = ApiClient.newHttp();
    log("server " + options.url() + ", " + options.workers() + " workers");
    String loadBefore = loadAverage();
    warnIfBusy();

    ApiClient admin =
        ApiClient.login(http, options.url(), options.adminUser(), options.adminPassword());
    String run =
        "bench-"
            + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
    List<ApiClient> orgAdmins = new ArrayList<>();
    for (int o = 0; o < options.organizations(); o++) {
      String organization = options.organizations() == 1 ? run : run + "-o" + o;
      String organizationId = admin.createOrganization(organization);
      String password = UUID.randomUUID().toString();
      admin.createUser(organizationId, organization + "-admin", password, "org_admin");
      orgAdmins.add(ApiClient.login(http, options.url(), organization + "-admin", password));
    }
    List<LoadPhase.Actor> actors = new ArrayList<>();
    for (int i = 0; i < options.workers(); i++) {
      ApiClient orgAdmin = orgAdmins.get(i % orgAdmins.size());
      String launched = run + "-launch" + i;
      String edited = run + "-edit" + i;
      actors.add(
          new LoadPhase.Actor(
              orgAdmin,
              orgAdmin.createTemplate(launched),
              orgAdmin.createTemplate(edited),
              edited));
    }
    log(
        options.organizations()
            + " organization(s) "
            + run
            + "*, "
            + actors.size()
            + " workers, each with a template to launch and one to edit");

    if (options.heldSessions() > 0) {
      log("opening " + options.heldSessions() + " sessions to hold in each organization ...");
      holdSessions(actors, options.organizations(), options.heldSessions());
    }

    JitCompilation jit = new JitCompilation(admin);
    Warmup warmup = warmUp(options, actors, jit);
    // The ceiling is read right before and right after the peak phase, with the server idle: the
    // host's speed drifts by half within minutes, so readings far from the peak (before a warm-up
    // of six minutes or more) divided its rate by the host of another moment.
    PgbenchCeiling.Result ceiling = null;
    if (options.pgUrl() != null) {
      log(
          "pgbench ceiling, right before the peak: "
              + options.pgbenchClients()
              + " clients for "
              + options.pgbenchDuration().toSeconds()
              + " s ...");
      ceiling = pgbench(options);
      log(String.format(Locale.ROOT, "pgbench: %.0f tps", ceiling.tps()));
    } else {
      log("no --pg-url: skipping the pgbench ceiling");
    }
    // Without a reading the server never idles; without a warm-up there is no settled JIT to keep.
    boolean resettles = ceiling != null && !options.warmupLimit().isZero();
    if (resettles) {
      resettle(options, actors);
    }
    OptionalDouble jitBeforePeak = jit.totalMillis();
    long peakStart = System.nanoTime();
    log("peak phase " + options.duration().toSeconds() + " s (closed loop) ...");
    LoadPhase.Result peak =
        new LoadPhase(
                "peak (closed loop)",
                actors,
                options.duration(),
                0,
                options.templateUpdateEvery(),
                newLagProbe(options))
            .run();
    OptionalDouble jitInPeak =
        JitCompilation.millisPerSecond(
            jitBeforePeak, jit.totalMillis(), System.nanoTime() - peakStart);
    log(String.format(Locale.ROOT, "peak: %.0f commands/s", peak.commandsPerSecond()));
    if (ceiling != null) {
      log("pgbench ceiling again, right after the peak ...");
      ceiling =
          PgbenchCeiling.readAgain(ceiling, () -> pgbench(options), ControlPlaneBenchmark::log);
      if (resettles) {
        resettle(options, actors);
      }
    }

    double halfRate = options.rate() > 0 ? options.rate() : peak.commandsPerSecond() / 2;
    log(String.format(Locale.ROOT, "paced phase at %.0f commands/s ...", halfRate));
    LoadPhase.Result paced =
        new LoadPhase(
                String.format(Locale.ROOT, "paced at %.0f/s", halfRate),
                actors,
                options.duration(),
                halfRate,
                options.templateUpdateEvery(),
                newLagProbe(options))
            .run();

    String report =
        Report.render(options, run, loadBefore, warmup.withPeak(jitInPeak), ceiling, peak, paced);
    System.out.println();
    System.out.print(report);
    if (options.out() != null) {
      Files.writeString(Path.of(options.out()), report);
      log("report written to " + options.out());
    }
    return peak.latency().count() == 0 ? 1 : 0;
  }

  private static PgbenchCeiling.Result pgbench(BenchOptions options)
      throws IOException, InterruptedException {
    return new PgbenchCeiling(
            options.pgUrl(),
            options.pgbenchClients(),
            options.pgbenchThreads(),
            options.pgbenchDuration())
        .measure();
  }

  /**
   * How long the warm-up ran, and how much the server's JIT compiled per second at its end and
   * through the peak phase (empty where the server does not show it).
   */
  record Warmup(Duration length, OptionalDouble jitAtEnd, OptionalDouble jitInPeak) {
    Warmup withPeak(OptionalDouble inPeak) {
      return new Warmup(length, jitAtEnd, inPeak);
    }
  }

  /**
   * Warms the server up for at least {@code --warmup}, then on in slices while its JIT compiler
   * still spends more than {@code --jit-settled} ms per second, up to {@code --warmup-limit}. The
   * warm-up probes lag as the measured phases do, so the JIT has compiled the read API's path too
   * before the peak: without it the peak phase paid for that compilation.
   */
  static Warmup warmUp(BenchOptions options, List<LoadPhase.Actor> actors, JitCompilation jit)
      throws InterruptedException {
    if (options.warmupLimit().isZero()) {
      return new Warmup(Duration.ZERO, OptionalDouble.empty(), OptionalDouble.empty());
    }
    JitCompilation.Settled settled =
        jit.warmUntilSettled(
            "the server",
            options.warmup(),
            options.warmupLimit(),
            options.jitSettledMillisPerSecond(),
            slice ->
                new LoadPhase(
                        "warm-up",
                        actors,
                        slice,
                        0,
                        options.templateUpdateEvery(),
                        newLagProbe(options))
                    .run());
    return new Warmup(settled.length(), settled.rateAtEnd(), OptionalDouble.empty());
  }

  /**
   * Loads the server again, unrecorded, between a reading of the ceiling and the measured phase
   * after it. Through the reading the server sits idle, and when the load came back its JIT
   * compiled 92–394 ms a second through the peak, against at most 60 at the end of the warm-up
   * (2026-11-28): code compiled again after the idle spell, which the measured phase paid for.
   */
  private static void resettle(BenchOptions options, List<LoadPhase.Actor> actors)
      throws InterruptedException {
    log("load again for " + RESETTLE.toSeconds() + " s after the idle reading (unrecorded) ...");
    new LoadPhase(
            "resettle", actors, RESETTLE, 0, options.templateUpdateEvery(), newLagProbe(options))
        .run();
  }

  /**
   * Opens {@code perOrganization} sessions in every organization and leaves them open, as a busy
   * tenant has: the organization then holds that many quota reservations in its state and
   * snapshots. The workers of an organization share its count; all of them open at once.
   */
  static void holdSessions(List<LoadPhase.Actor> actors, int organizations, int perOrganization)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(actors.size());
    try {
      List<Future<?>> opening = new ArrayList<>();
      for (int i = 0; i < actors.size(); i++) {
        LoadPhase.Actor actor = actors.get(i);
        int count = heldBy(i, actors.size(), organizations, perOrganization);
        opening.add(
            pool.submit(
                () -> {
                  for (int k = 0; k < count; k++) {
                    actor.api().createSession(actor.launchTemplateId()).expect(201);
                  }
                }));
      }
      for (Future<?> open : opening) {
        try {
          open.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException failure
              ? failure
              : new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * How many of its organization's held sessions worker {@code worker} opens: workers are dealt to
   * organizations in turn, as {@link #run} does, and share their organization's count evenly.
   */
  static int heldBy(int worker, int workers, int organizations, int perOrganization) {
    int organization = worker % organizations;
    int workersOfOrganization = (workers - organization + organizations - 1) / organizations;
    int rank = worker / organizations;
    return perOrganization / workersOfOrganization
        + (rank < perOrganization % workersOfOrganization ? 1 : 0);
  }

  private static LagProbe newLagProbe(BenchOptions options) {
    return new LagProbe(options.lagSampleEvery(), 2, 2, Duration.ofSeconds(10).toMillis());
  }

  static void log(String message) {
    System.err.println("bench: " + message);
  }

  /** The 1, 5 and 15 minute load averages, as /proc/loadavg has them. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }

  /** Figures taken on a machine busy with something else say little; say so before starting. */
  private static void warnIfBusy() {
    try {
      double oneMinute = Double.parseDouble(loadAverage().split(" ")[0]);
      int cores = Runtime.getRuntime().availableProcessors();
      if (oneMinute > cores / 2.0) {
        log(
            String.format(
                Locale.ROOT,
                "WARNING: load average %.1f on %d cores before the run: the figures will be low",
                oneMinute,
                cores));
      }
    } catch (NumberFormatException e) {
      // No load average on this system: nothing to warn about.
    }
  }

  static String machine() {
    String cpu = "unknown CPU";
    long memoryKb = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          memoryKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux: the report names what it can.
    }
    return String.format(
        Locale.ROOT,
        "%d cores (%s), %.0f GiB RAM, Java %s",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        memoryKb / 1024.0 / 1024.0,
        System.getProperty("java.version"));
  }
}
