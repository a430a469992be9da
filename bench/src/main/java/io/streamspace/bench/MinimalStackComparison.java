package io.streamspace.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * The same session commands, side by side: the minimal Axon + JDBC + WebFlux reference application
 * ({@code minimal-app}) and StreamSpace, on one PostgreSQL, against the pgbench ceiling measured in
 * the same run. Every worker loops create → stop on each. Their phases alternate so that the host's
 * noise falls on both, and each phase reads the server processes' CPU, so the report can say what a
 * command costs in each.
 */
public final class MinimalStackComparison {

  static final String USAGE =
      """
      Usage: streamspace-bench.jar minimal --url URL --minimal-url URL [OPTIONS]

      Creates and stops sessions as fast as each server answers, alternating between StreamSpace
      (URL) and the minimal Axon + JDBC + WebFlux reference application (minimal-app), and reports
      the commands/s of each against pgbench's single-row-insert rate on the same PostgreSQL.

        --url URL                  StreamSpace's API server
        --admin-user NAME          its system admin (default admin)
        --admin-password PASSWORD  or STREAMSPACE_ADMIN_PASSWORD
        --minimal-url URL          the reference application
        --pg-url URL               libpq URL of the PostgreSQL both write to (pgbench ceiling)
        --server-pid PID           StreamSpace's process, for CPU per command
        --minimal-pid PID          the reference application's process, for CPU per command
        --data-dir DIR             where the shared PostgreSQL's postmaster.pid is, for its CPU
        --organizations N          spread StreamSpace's workers over N organizations (default 1)
        --workers N                concurrent clients per phase (default 16)
        --warmup SECONDS           closed-loop warm-up of each server, at least (default 90)
        --warmup-limit SECONDS     then on in 15 s slices until its JIT settles, at most this
                                   long (default 900; equal to --warmup for a fixed warm-up)
        --jit-settled MS           settled: the JIT compiles at most MS ms per second (default 60)
        --duration SECONDS         each measured phase (default 30)
        --rounds N                 measured phases per server, alternating (default 2)
        --out FILE                 also write the report there
      """;

  private MinimalStackComparison() {}

  /** What the command line asked for. */
  record Options(
      URI url,
      String adminUser,
      String adminPassword,
      URI minimalUrl,
      String pgUrl,
      long serverPid,
      long minimalPid,
      Path dataDir,
      int organizations,
      int workers,
      Duration warmup,
      Duration warmupLimit,
      double jitSettledMillisPerSecond,
      Duration duration,
      int rounds,
      String out) {

    static Options parse(String[] args, String passwordFromEnvironment) {
      URI url = null;
      URI minimalUrl = null;
      String adminUser = "admin";
      String password = passwordFromEnvironment;
      String pgUrl = null;
      String out = null;
      long serverPid = 0;
      long minimalPid = 0;
      Path dataDir = null;
      int workers = 16;
      int organizations = 1;
      int rounds = 2;
      Duration warmup = Duration.ofSeconds(90);
      Duration warmupLimit = Duration.ofSeconds(900);
      double jitSettled = 60;
      Duration duration = Duration.ofSeconds(30);
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        String value = args[++i];
        switch (name) {
          case "--url" -> url = URI.create(value);
          case "--minimal-url" -> minimalUrl = URI.create(value);
          case "--admin-user" -> adminUser = value;
          case "--admin-password" -> password = value;
          case "--pg-url" -> pgUrl = value;
          case "--server-pid" -> serverPid = positive(name, value);
          case "--minimal-pid" -> minimalPid = positive(name, value);
          case "--workers" -> workers = (int) positive(name, value);
          case "--organizations" -> organizations = (int) positive(name, value);
          case "--rounds" -> rounds = (int) positive(name, value);
          case "--warmup" -> warmup = Duration.ofSeconds(positive(name, value));
          case "--warmup-limit" -> warmupLimit = Duration.ofSeconds(positive(name, value));
          case "--jit-settled" -> jitSettled = positive(name, value);
          case "--duration" -> duration = Duration.ofSeconds(positive(name, value));
          case "--out" -> out = value;
          case "--data-dir" -> dataDir = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (url == null || minimalUrl == null) {
        throw new IllegalArgumentException("--url and --minimal-url are required");
      }
      if (password == null || password.isBlank()) {
        throw new IllegalArgumentException(
            "--admin-password (or STREAMSPACE_ADMIN_PASSWORD) is required");
      }
      return new Options(
          url,
          adminUser,
          password,
          minimalUrl,
          pgUrl,
          serverPid,
          minimalPid,
          dataDir,
          organizations,
          workers,
          warmup,
          warmupLimit.compareTo(warmup) < 0 ? warmup : warmupLimit,
          jitSettled,
          duration,
          rounds,
          out);
    }

    private static long positive(String name, String value) {
      try {
        long parsed = Long.parseLong(value);
        if (parsed > 0) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // answered below
      }
      throw new IllegalArgumentException(name + " must be a positive number, not " + value);
    }
  }

  public static void main(String[] args) throws Exception {
    ControlPlaneBenchmark.commandLine(
        args,
        USAGE,
        a -> Options.parse(a, System.getenv("STREAMSPACE_ADMIN_PASSWORD")),
        MinimalStackComparison::run);
  }

  /**
   * One server under test: a client and a template for each worker (as in the control-plane
   * benchmark, so workers share no template), its process for CPU, and its JIT compiler's work.
   */
  record Target(
      String name, List<ApiClient> apis, List<String> templateIds, long pid, JitCompilation jit) {}

  /** One closed-loop phase against one target. */
  record Phase(
      Target target,
      double seconds,
      Samples.Distribution latency,
      long errors,
      double cpu,
      double postgresCpu) {

    double commandsPerSecond() {
      return latency.count() / seconds;
    }

    /** Server CPU milliseconds per acknowledged command; NaN without a pid. */
    double cpuMillisPerCommand() {
      return latency.count() == 0 ? Double.NaN : cpu * 1000 / latency.count();
    }

    /** PostgreSQL's CPU milliseconds per acknowledged command; NaN without its data directory. */
    double postgresCpuMillisPerCommand() {
      return latency.count() == 0 ? Double.NaN : postgresCpu * 1000 / latency.count();
    }
  }

  static int run(Options options) throws Exception {
    PlainHttp http = ApiClient.newHttp();
    String loadBefore = ControlPlaneBenchmark.loadAverage();
    ApiClient admin =
        ApiClient.login(http, options.url(), options.adminUser(), options.adminPassword());
    String run =
        "minimal-"
            + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
    List<ApiClient> orgAdmins = new ArrayList<>();
    for (int o = 0; o < options.organizations(); o++) {
      String organization = run + "-o" + o;
      String organizationId = admin.createOrganization(organization);
      String password = UUID.randomUUID().toString();
      admin.createUser(organizationId, organization + "-admin", password, "org_admin");
      orgAdmins.add(ApiClient.login(http, options.url(), organization + "-admin", password));
    }
    List<ApiClient> apis = new ArrayList<>();
    List<String> templates = new ArrayList<>();
    List<String> minimalTemplates = new ArrayList<>();
    for (int i = 0; i < options.workers(); i++) {
      ApiClient orgAdmin = orgAdmins.get(i % orgAdmins.size());
      apis.add(orgAdmin);
      templates.add(orgAdmin.createTemplate(run + "-" + i));
      minimalTemplates.add("minimal-template-" + i);
    }
    Target streamspace =
        new Target(
            "StreamSpace",
            apis,
            templates,
            options.serverPid(),
            options.serverPid() > 0
                ? JitCompilation.ofProcess(options.serverPid())
                : new JitCompilation(admin));
    Target minimal =
        new Target(
            "minimal Axon app",
            List.of(ApiClient.anonymous(http, options.minimalUrl())),
            minimalTemplates,
            options.minimalPid(),
            JitCompilation.ofProcess(options.minimalPid()));

    PgbenchCeiling pgbench =
        options.pgUrl() == null
            ? null
            : new PgbenchCeiling(options.pgUrl(), 8, 2, Duration.ofSeconds(10));
    PgbenchCeiling.Result ceiling = null;
    if (pgbench != null) {
      log("pgbench ceiling: 8 clients for 10 s ...");
      ceiling = pgbench.measure();
      log(String.format(Locale.ROOT, "pgbench: %.0f tps", ceiling.tps()));
    }
    // StreamSpace's JIT takes minutes longer to settle than the minimal app's: a fixed warm-up
    // that suits one measures the other still compiling.
    Map<String, JitCompilation.Settled> warmups = new LinkedHashMap<>();
    for (Target target : List.of(minimal, streamspace)) {
      warmups.put(
          target.name(),
          target
              .jit()
              .warmUntilSettled(
                  target.name(),
                  options.warmup(),
                  options.warmupLimit(),
                  options.jitSettledMillisPerSecond(),
                  slice -> closedLoop(target, options.workers(), slice, -1)));
    }
    long postmaster =
        options.dataDir() == null ? -1 : ProcessStats.postmasterPid(options.dataDir());
    List<Phase> phases = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      for (Target target : List.of(minimal, streamspace)) {
        Phase phase = closedLoop(target, options.workers(), options.duration(), postmaster);
        log(
            String.format(
                Locale.ROOT,
                "round %d, %s: %.0f commands/s",
                round,
                target.name(),
                phase.commandsPerSecond()));
        phases.add(phase);
      }
    }
    if (ceiling != null) {
      log("pgbench ceiling again, after the phases ...");
      ceiling = PgbenchCeiling.readAgain(ceiling, pgbench::measure, MinimalStackComparison::log);
    }
    String report = report(options, run, loadBefore, ceiling, warmups, phases);
    System.out.println();
    System.out.print(report);
    if (options.out() != null) {
      Files.writeString(Path.of(options.out()), report);
    }
    boolean answered = phases.stream().allMatch(p -> p.latency().count() > 0);
    return answered ? 0 : 1;
  }

  /** Every worker creates a session and stops it, over and over, as fast as the target answers. */
  static Phase closedLoop(Target target, int workers, Duration duration, long postmaster)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    LongAdder errors = new LongAdder();
    double cpuBefore = cpuSeconds(target.pid());
    double postgresBefore = postgresCpuSeconds(postmaster);
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    List<Future<Samples>> futures = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      String templateId = target.templateIds().get(i % target.templateIds().size());
      ApiClient api = target.apis().get(i % target.apis().size());
      futures.add(
          pool.submit(
              () -> {
                Samples samples = new Samples();
                while (System.nanoTime() < deadline) {
                  ApiClient.Response created =
                      timed(samples, errors, 201, () -> api.createSession(templateId));
                  if (created != null && System.nanoTime() < deadline) {
                    timed(samples, errors, 202, () -> api.stopSession(created.id()));
                  }
                }
                return samples;
              }));
    }
    List<Samples> all = new ArrayList<>();
    for (Future<Samples> future : futures) {
      try {
        all.add(future.get());
      } catch (java.util.concurrent.ExecutionException e) {
        pool.shutdownNow();
        throw new IllegalStateException("a worker against " + target.name() + " failed", e);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = cpuSeconds(target.pid()) - cpuBefore;
    double postgres = postgresCpuSeconds(postmaster) - postgresBefore;
    pool.shutdown();
    return new Phase(target, seconds, Samples.merge(all), errors.sum(), cpu, postgres);
  }

  /** Sends one command; its answer when it was the expected one, else null (counted an error). */
  private static ApiClient.Response timed(
      Samples samples,
      LongAdder errors,
      int expected,
      java.util.function.Supplier<ApiClient.Response> command) {
    long sent = System.nanoTime();
    try {
      ApiClient.Response response = command.get();
      if (response.status() == expected) {
        samples.add(System.nanoTime() - sent);
        return response;
      }
    } catch (ApiClient.ApiException e) {
      // counted below
    }
    errors.increment();
    return null;
  }

  /** The postmaster's CPU with its backends', live and reaped (pgbench's too, between phases). */
  private static double postgresCpuSeconds(long postmaster) {
    return postmaster <= 0
        ? Double.NaN
        : ProcessStats.treeCpuTicks(postmaster) / (double) ProcessStats.ticksPerSecond();
  }

  private static double cpuSeconds(long pid) {
    return pid <= 0
        ? Double.NaN
        : ProcessStats.cpuTicks(pid) / (double) ProcessStats.ticksPerSecond();
  }

  static String report(
      Options options,
      String run,
      String loadBefore,
      PgbenchCeiling.Result ceiling,
      Map<String, JitCompilation.Settled> warmups,
      List<Phase> phases) {
    StringBuilder out = new StringBuilder();
    out.append("## Minimal Axon stack beside StreamSpace: ").append(run).append("\n\n");
    out.append("- machine: ").append(ControlPlaneBenchmark.machine()).append('\n');
    out.append("- load average before the run: ").append(loadBefore).append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "- %d workers (StreamSpace: in %d organization(s)), each looping create → stop, closed"
                + " loop, %d s per phase, the servers alternating%n",
            options.workers(),
            options.organizations(),
            options.duration().toSeconds()));
    warmups.forEach(
        (name, settled) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "- warm-up of %s: %d s (at least %d, at most %d: on until its JIT compiled ≤"
                        + " %.0f ms/s); %s%n",
                    name,
                    settled.length().toSeconds(),
                    options.warmup().toSeconds(),
                    options.warmupLimit().toSeconds(),
                    options.jitSettledMillisPerSecond(),
                    settled.rateAtEnd().isPresent()
                        ? String.format(
                            Locale.ROOT,
                            "its JIT compiled %.0f ms/s at its end",
                            settled.rateAtEnd().getAsDouble())
                        : "its JIT's work could not be read (no pid)")));
    if (ceiling != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "- pgbench single-row inserts/s (ceiling, before the warm-ups and after the"
                  + " phases): %s (`%s`)%n",
              ceiling.describe(),
              ceiling.command()));
    }
    out.append('\n');
    out.append(
        "| phase | server | commands/s | ÷ ceiling | p50 ms | p99 ms | errors | server CPU per"
            + " command | PostgreSQL CPU per command |\n");
    out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
    int index = 0;
    for (Phase phase : phases) {
      index++;
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %.0f | %s | %.1f | %.1f | %d | %s | %s |%n",
              index,
              phase.target().name(),
              phase.commandsPerSecond(),
              ceiling == null
                  ? "-"
                  : String.format(Locale.ROOT, "%.3f", phase.commandsPerSecond() / ceiling.tps()),
              phase.latency().percentileMillis(50),
              phase.latency().percentileMillis(99),
              phase.errors(),
              millis(phase.cpuMillisPerCommand()),
              millis(phase.postgresCpuMillisPerCommand())));
    }
    double minimal = mean(phases, "minimal Axon app");
    double streamspace = mean(phases, "StreamSpace");
    out.append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "- mean commands/s: minimal Axon app %.0f, StreamSpace %.0f; StreamSpace ÷ minimal %.2f%n",
            minimal,
            streamspace,
            streamspace / minimal));
    if (ceiling != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "- ÷ ceiling: minimal Axon app %.3f, StreamSpace %.3f (target for the control"
                  + " plane: %.1f)%n",
              minimal / ceiling.tps(),
              streamspace / ceiling.tps(),
              ControlPlaneBenchmark.TARGET_RATIO));
    }
    return out.toString();
  }

  private static String millis(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f ms", value);
  }

  private static double mean(List<Phase> phases, String name) {
    return phases.stream()
        .filter(p -> p.target().name().equals(name))
        .mapToDouble(Phase::commandsPerSecond)
        .average()
        .orElse(Double.NaN);
  }

  private static void log(String message) {
    ControlPlaneBenchmark.log(message);
  }
}
