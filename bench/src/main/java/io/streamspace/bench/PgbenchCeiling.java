package io.streamspace.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ceiling the control plane is compared with: pgbench's single-row-insert transactions per
 * second on the very PostgreSQL the server writes its events to. Uses the {@code psql} and {@code
 * pgbench} programs of the PostgreSQL client package.
 */
public final class PgbenchCeiling {

  private static final Pattern TPS =
      Pattern.compile("tps = ([0-9.]+) \\((without initial connection time|excluding)");

  private final String pgUrl;
  private final int clients;
  private final int threads;
  private final Duration duration;

  public PgbenchCeiling(String pgUrl, int clients, int threads, Duration duration) {
    this.pgUrl = pgUrl;
    this.clients = clients;
    this.threads = threads;
    this.duration = duration;
  }

  /**
   * What pgbench measured, and the exact command that measured it. A ceiling read more than once in
   * a run is the mean of its readings, which {@code readings} lists in order.
   */
  public record Result(double tps, String command, List<Double> readings) {

    public Result(double tps, String command) {
      this(tps, command, List.of(tps));
    }

    public Result {
      readings = List.copyOf(readings);
    }

    /**
     * This ceiling with one more reading of it: the host's speed drifts over a run's minutes, so
     * readings on both sides of the measured phases bracket the ceiling they ran against.
     */
    public Result and(Result later) {
      List<Double> all = new ArrayList<>(readings);
      all.addAll(later.readings());
      double mean = all.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      return new Result(mean, command, all);
    }

    /** The readings as a report shows them: "7214" or "mean of 6652 and 7776". */
    public String describe() {
      if (readings.size() == 1) {
        return String.format(Locale.ROOT, "%.0f", tps);
      }
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < readings.size(); i++) {
        text.append(i == 0 ? "" : i == readings.size() - 1 ? " and " : ", ");
        text.append(String.format(Locale.ROOT, "%.0f", readings.get(i)));
      }
      return String.format(Locale.ROOT, "%.0f (mean of %s)", tps, text);
    }
  }

  /** A reading of the ceiling, as {@link #measure()} takes one. */
  @FunctionalInterface
  public interface Reading {
    Result take() throws IOException, InterruptedException;
  }

  /**
   * {@code first} with a second reading taken after what it brackets. A run's figures are worth
   * more than that second reading: if it fails, the report keeps the first alone and says so.
   */
  public static Result readAgain(Result first, Reading second, Consumer<String> log)
      throws InterruptedException {
    try {
      Result both = first.and(second.take());
      log.accept(String.format(Locale.ROOT, "pgbench: %s tps", both.describe()));
      return both;
    } catch (IOException | RuntimeException e) {
      log.accept("the second pgbench reading failed, the ceiling is the first reading alone: " + e);
      return first;
    }
  }

  public Result measure() throws IOException, InterruptedException {
    Path script = Files.createTempFile("streamspace-bench-insert", ".sql");
    try {
      Files.writeString(script, "INSERT INTO bench_insert(payload) VALUES ('x');\n");
      psql(
          "DROP TABLE IF EXISTS bench_insert; "
              + "CREATE TABLE bench_insert(id bigserial, payload text);");
      List<String> command =
          List.of(
              "pgbench",
              "-c",
              Integer.toString(clients),
              "-j",
              Integer.toString(threads),
              "-T",
              Long.toString(duration.toSeconds()),
              "-n",
              "-f",
              script.toString(),
              pgUrl);
      String output = run(command);
      return new Result(
          parseTps(output), String.join(" ", command).replace(script.toString(), "insert.sql"));
    } finally {
      try {
        psql("DROP TABLE IF EXISTS bench_insert;");
      } finally {
        Files.deleteIfExists(script);
      }
    }
  }

  /** The URL as a report may show it: {@code postgresql://user:***@host/db}. */
  static String withoutPassword(String url) {
    return url.replaceFirst("^(postgres(?:ql)?://[^:/@]+):[^@]*@", "$1:***@");
  }

  static double parseTps(String pgbenchOutput) {
    Matcher matcher = TPS.matcher(pgbenchOutput);
    if (!matcher.find()) {
      throw new IllegalStateException("pgbench printed no tps line:\n" + pgbenchOutput);
    }
    return Double.parseDouble(matcher.group(1));
  }

  private void psql(String sql) throws IOException, InterruptedException {
    run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", pgUrl, "-c", sql));
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(new ArrayList<>(command))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException(command.get(0) + " exited with " + exit + ":\n" + output);
    }
    return output;
  }
}
