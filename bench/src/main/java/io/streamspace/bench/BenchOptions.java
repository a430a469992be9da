package io.streamspace.bench;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What one benchmark run does: the server and PostgreSQL to measure, and how hard and how long to
 * drive them. Flags win over environment variables, which win over the defaults.
 */
public record BenchOptions(
    URI url,
    String adminUser,
    String adminPassword,
    String pgUrl,
    int workers,
    int organizations,
    int heldSessions,
    Duration warmup,
    Duration warmupLimit,
    int jitSettledMillisPerSecond,
    Duration duration,
    int lagSampleEvery,
    int templateUpdateEvery,
    int pgbenchClients,
    int pgbenchThreads,
    Duration pgbenchDuration,
    double rate,
    String out) {

  static final String USAGE =
      """
      Usage: java -jar streamspace-bench.jar [OPTIONS]

      Drives a running StreamSpace server through its REST API and reports commands/s, command
      latency and projection lag, next to pgbench's single-row-insert TPS on the same PostgreSQL.

        --url URL                  server (env STREAMSPACE_BENCH_URL; default http://localhost:8000)
        --admin-user NAME          system admin (default admin)
        --admin-password PW        its password (env STREAMSPACE_ADMIN_PASSWORD; required)
        --pg-url URL               postgresql://user[:pw]@host:port/db of the server's PostgreSQL,
                                   for the pgbench ceiling (env STREAMSPACE_BENCH_PG_URL; unset = skip)
        --workers N                concurrent API clients (default 16)
        --organizations N          spread the workers over N benchmark organizations (default 1:
                                   all of them contend for one organization's quota)
        --held-sessions N          sessions each organization holds open through the run, created
                                   before it, as a busy tenant has (default 0); the organization's
                                   state and snapshots grow with them
        --warmup SECONDS           unrecorded warm-up, at least this long (default 30)
        --warmup-limit SECONDS     at most this long (default 900): past --warmup the warm-up goes on
                                   in 15 s slices until the server's JIT compiler has settled, as
                                   its jvm.compilation.time metric shows; equal to --warmup (or a
                                   server that does not show the metric) makes it fixed
        --jit-settled MS           settled: the compiler spent at most MS ms per second of a slice
                                   (default 60)
        --duration SECONDS         length of each measured phase (default 30)
        --rate N                   commands/s of the second phase (default: half the measured peak)
        --lag-sample-every N       probe projection lag on every Nth command of a worker (default 10)
        --template-update-every N  one template update per N create/stop cycles (default 4)
        --pgbench-clients N        pgbench -c (default 8)
        --pgbench-threads N        pgbench -j (default 2)
        --pgbench-seconds N        pgbench -T (default 15)
        --out FILE                 also write the report (Markdown) to FILE
      """;

  /** Reads the options from the command line, falling back to the environment. */
  public static BenchOptions parse(String[] args, Map<String, String> env) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (!KNOWN.containsKey(name)) {
        throw new IllegalArgumentException("unknown option: --" + name);
      }
      flags.put(name, value);
    }
    Map<String, String> values = new HashMap<>(KNOWN);
    ENV.forEach(
        (flag, variable) -> {
          String fromEnv = env.get(variable);
          if (fromEnv != null && !fromEnv.isBlank()) {
            values.put(flag, fromEnv);
          }
        });
    values.putAll(flags);

    String password = values.get("admin-password");
    if (password.isEmpty()) {
      throw new IllegalArgumentException(
          "the admin password is required: --admin-password or STREAMSPACE_ADMIN_PASSWORD");
    }
    String url = values.get("url");
    return new BenchOptions(
        URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
        values.get("admin-user"),
        password,
        values.get("pg-url").isEmpty() ? null : values.get("pg-url"),
        positive(values, "workers"),
        positive(values, "organizations"),
        nonNegative(values, "held-sessions"),
        Duration.ofSeconds(nonNegative(values, "warmup")),
        warmupLimit(values),
        nonNegative(values, "jit-settled"),
        Duration.ofSeconds(positive(values, "duration")),
        positive(values, "lag-sample-every"),
        positive(values, "template-update-every"),
        positive(values, "pgbench-clients"),
        positive(values, "pgbench-threads"),
        Duration.ofSeconds(positive(values, "pgbench-seconds")),
        values.get("rate").isEmpty() ? 0 : Double.parseDouble(values.get("rate")),
        values.get("out").isEmpty() ? null : values.get("out"));
  }

  private static final Map<String, String> KNOWN =
      Map.ofEntries(
          Map.entry("url", "http://localhost:8000"),
          Map.entry("admin-user", "admin"),
          Map.entry("admin-password", ""),
          Map.entry("pg-url", ""),
          Map.entry("workers", "16"),
          Map.entry("organizations", "1"),
          Map.entry("held-sessions", "0"),
          Map.entry("warmup", "30"),
          Map.entry("warmup-limit", "900"),
          Map.entry("jit-settled", "60"),
          Map.entry("duration", "30"),
          Map.entry("rate", ""),
          Map.entry("lag-sample-every", "10"),
          Map.entry("template-update-every", "4"),
          Map.entry("pgbench-clients", "8"),
          Map.entry("pgbench-threads", "2"),
          Map.entry("pgbench-seconds", "15"),
          Map.entry("out", ""));

  private static final Map<String, String> ENV =
      Map.of(
          "url", "STREAMSPACE_BENCH_URL",
          "admin-password", "STREAMSPACE_ADMIN_PASSWORD",
          "pg-url", "STREAMSPACE_BENCH_PG_URL");

  /** Never shorter than the warm-up itself: a limit below it would make it end early. */
  private static Duration warmupLimit(Map<String, String> values) {
    return Duration.ofSeconds(
        Math.max(nonNegative(values, "warmup-limit"), nonNegative(values, "warmup")));
  }

  private static int positive(Map<String, String> values, String name) {
    int value = nonNegative(values, name);
    if (value == 0) {
      throw new IllegalArgumentException("--" + name + " must be at least 1");
    }
    return value;
  }

  private static int nonNegative(Map<String, String> values, String name) {
    try {
      int value = Integer.parseInt(values.get(name));
      if (value < 0) {
        throw new IllegalArgumentException("--" + name + " cannot be negative");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number", e);
    }
  }
}
