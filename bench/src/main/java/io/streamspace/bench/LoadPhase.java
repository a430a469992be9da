package io.streamspace.bench;

import io.streamspace.bench.ApiClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One timed phase of load: every worker loops create session → stop session, with a template update
 * every few cycles, either as fast as the server answers (closed loop) or paced to a fixed total
 * rate. Sessions stay {@code pending} until agents exist, and hibernate/resume are only legal on
 * running sessions, so this is the command mix a pending session allows.
 */
public final class LoadPhase {

  /** The kinds of command the phase sends. */
  public enum Kind {
    CREATE_SESSION("create session"),
    STOP_SESSION("stop session"),
    UPDATE_TEMPLATE("update template");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /**
   * What one worker acts as: a logged-in org admin, the template it launches sessions from, and a
   * template of its own that it edits. Editing a separate template keeps the launch template's
   * history short, as a catalog's is, so creates do not pay for the benchmark's own edits.
   */
  public record Actor(
      ApiClient api, String launchTemplateId, String editedTemplateId, String editedTemplateName) {}

  private final String name;
  private final List<Actor> actors;
  private final Duration duration;
  private final double rate;
  private final int templateUpdateEvery;
  private final LagProbe lagProbe;

  /**
   * @param rate total commands per second across workers, or 0 for as fast as possible
   * @param lagProbe samples projection lag, or null to measure none
   */
  public LoadPhase(
      String name,
      List<Actor> actors,
      Duration duration,
      double rate,
      int templateUpdateEvery,
      LagProbe lagProbe) {
    this.name = name;
    this.actors = actors;
    this.duration = duration;
    this.rate = rate;
    this.templateUpdateEvery = templateUpdateEvery;
    this.lagProbe = lagProbe;
  }

  public Result run() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(actors.size());
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    Pacer pacer = rate > 0 ? new Pacer(start, rate, deadline) : null;
    Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    List<Future<Worker>> futures = new ArrayList<>();
    for (int i = 0; i < actors.size(); i++) {
      Worker worker = new Worker(actors.get(i), start, deadline, pacer, errors, i);
      futures.add(
          pool.submit(
              () -> {
                worker.loop();
                return worker;
              }));
    }
    Map<Kind, List<Samples>> byKind = new EnumMap<>(Kind.class);
    List<Timeline> timelines = new ArrayList<>();
    for (Future<Worker> future : futures) {
      try {
        Worker worker = future.get();
        worker.samples.forEach(
            (kind, s) -> byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(s));
        timelines.add(worker.timeline);
      } catch (java.util.concurrent.ExecutionException e) {
        pool.shutdownNow();
        throw new IllegalStateException("a worker of phase " + name + " failed", e.getCause());
      }
    }
    long elapsed = System.nanoTime() - start;
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);

    Map<Kind, Samples.Distribution> latency = new EnumMap<>(Kind.class);
    List<Samples> all = new ArrayList<>();
    byKind.forEach(
        (kind, list) -> {
          latency.put(kind, Samples.merge(list));
          all.addAll(list);
        });
    Map<String, Long> errorCounts = new java.util.TreeMap<>();
    errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
    return new Result(
        name,
        rate,
        elapsed / 1e9,
        Samples.merge(all),
        latency,
        Timeline.merge(timelines),
        errorCounts,
        lagProbe == null ? null : lagProbe.finish());
  }

  /** What a phase measured. Latencies are of acknowledged (2xx) commands only. */
  public record Result(
      String name,
      double targetRate,
      double seconds,
      Samples.Distribution latency,
      Map<Kind, Samples.Distribution> latencyByKind,
      Timeline timeline,
      Map<String, Long> errors,
      LagProbe.Result lag) {

    public double commandsPerSecond() {
      return latency.count() / seconds;
    }

    public long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Hands out evenly spaced send times for a fixed total rate. A command's latency is measured from
   * its slot, not from when a worker got round to sending it, so a server that falls behind shows
   * up in the latency instead of silently lowering the rate (coordinated omission).
   */
  static final class Pacer {
    private final AtomicLong next;
    private final long interval;
    private final long deadline;

    Pacer(long start, double rate, long deadline) {
      this.next = new AtomicLong(start);
      this.interval = Math.max(1, (long) (1e9 / rate));
      this.deadline = deadline;
    }

    /** The next slot, or -1 once the phase is over. */
    long next() {
      long slot = next.getAndAdd(interval);
      return slot < deadline ? slot : -1;
    }
  }

  private final class Worker {
    private final Actor actor;
    private final long phaseStart;
    private final long deadline;
    private final Pacer pacer;
    private final Map<String, LongAdder> errors;
    private final Map<Kind, Samples> samples = new EnumMap<>(Kind.class);
    private final Timeline timeline = new Timeline();
    private long revision;

    Worker(
        Actor actor,
        long phaseStart,
        long deadline,
        Pacer pacer,
        Map<String, LongAdder> errors,
        int index) {
      this.actor = actor;
      this.phaseStart = phaseStart;
      this.deadline = deadline;
      this.pacer = pacer;
      this.errors = errors;
      for (Kind kind : Kind.values()) {
        samples.put(kind, new Samples());
      }
      // Revisions only grow, across phases too, so a lag probe can wait for "at least mine".
      this.revision = (System.currentTimeMillis() - 1_700_000_000_000L) * 1000 + index;
    }

    void loop() {
      long cycles = 0;
      while (true) {
        Response created =
            timed(
                Kind.CREATE_SESSION,
                () -> actor.api().createSession(actor.launchTemplateId()),
                201);
        if (created == null) {
          return;
        }
        if (created.isSuccess()) {
          String sessionId = created.id();
          probe(Kind.CREATE_SESSION, api -> api.sessionStatus(sessionId).isPresent());
          Response stopped =
              timed(Kind.STOP_SESSION, () -> actor.api().stopSession(sessionId), 202);
          if (stopped == null) {
            return;
          }
          if (stopped.isSuccess()) {
            probe(
                Kind.STOP_SESSION,
                api -> api.sessionStatus(sessionId).filter("stopped"::equals).isPresent());
          }
        }
        if (++cycles % templateUpdateEvery == 0) {
          long mine = ++revision;
          Response updated =
              timed(
                  Kind.UPDATE_TEMPLATE,
                  () ->
                      actor
                          .api()
                          .updateTemplate(
                              actor.editedTemplateId(), actor.editedTemplateName(), mine),
                  200);
          if (updated == null) {
            return;
          }
          if (updated.isSuccess()) {
            probe(
                Kind.UPDATE_TEMPLATE,
                api -> api.templateRevision(actor.editedTemplateId()) >= mine);
          }
        }
      }
    }

    /** Sends one command at its slot; null once the phase is over. */
    private Response timed(Kind kind, java.util.function.Supplier<Response> command, int expected) {
      long start;
      if (pacer != null) {
        start = pacer.next();
        if (start < 0) {
          return null;
        }
        long wait = start - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      } else {
        start = System.nanoTime();
        if (start >= deadline) {
          return null;
        }
      }
      Response response;
      try {
        response = command.get();
      } catch (ApiClient.ApiException e) {
        errors.computeIfAbsent(kind.label + ": no answer", k -> new LongAdder()).increment();
        return new Response(kind.label, -1, e.getMessage());
      }
      long latency = System.nanoTime() - start;
      if (response.status() == expected) {
        samples.get(kind).add(latency);
        timeline.add(start - phaseStart, latency);
      } else {
        errors
            .computeIfAbsent(kind.label + ": " + response.status(), k -> new LongAdder())
            .increment();
      }
      return response;
    }

    private void probe(Kind kind, LagProbe.Check check) {
      if (lagProbe != null) {
        lagProbe.offer(kind, actor.api(), check);
      }
    }
  }
}
