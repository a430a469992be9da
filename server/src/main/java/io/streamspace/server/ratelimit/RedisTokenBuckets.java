package io.streamspace.server.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Token buckets in Redis, shared by every replica: one Lua script ({@code token-buckets.lua}, run
 * by {@code EVALSHA}) refills and draws all of a request's buckets atomically, on Redis's clock.
 * Lettuce's reactive API never blocks the calling (event-loop) thread, and its answers are
 * published on Lettuce's computation threads, not its I/O threads, so the rest of the request
 * cannot stall Redis traffic.
 *
 * <p>Redis is an aid, not a dependency: when it is down, slow or unreachable the request goes on
 * unlimited (fail open), with a WARN at most once a minute and the counter {@code
 * streamspace.rate_limit.fail_open}, never an outage.
 */
public class RedisTokenBuckets implements TokenBuckets, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RedisTokenBuckets.class);
  private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
  private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);

  private final RedisClient client;
  private final String script;
  private final String scriptSha;
  private final Duration timeout;
  private final Counter failOpen;
  private final RedisURI uri;
  private volatile StatefulRedisConnection<String, String> connected;
  private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
  private final AtomicLong nextConnectNanos = new AtomicLong(System.nanoTime());

  public RedisTokenBuckets(String url, Duration timeout, MeterRegistry meters) {
    this.uri = RedisURI.create(url);
    uri.setTimeout(timeout);
    this.client = RedisClient.create(uri);
    // Commands sent while the connection is down fail at once instead of queueing: a request
    // must not wait for a Redis that is gone.
    client.setOptions(
        ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .autoReconnect(true)
            .publishOnScheduler(true)
            .build());
    this.script = loadScript();
    this.scriptSha = sha1(script);
    this.timeout = timeout;
    this.failOpen =
        Counter.builder("streamspace.rate_limit.fail_open")
            .description("requests let through unlimited because Redis did not answer")
            .register(meters);
    // Connect now, in the background, so the first requests find the connection open.
    connection().subscribe(open -> {}, notYet -> {});
  }

  /** Whether the connection to Redis is open (it may still be reconnecting after a failure). */
  public boolean isConnected() {
    StatefulRedisConnection<String, String> open = connected;
    return open != null && open.isOpen();
  }

  @Override
  public Mono<Outcome> take(List<Draw> draws) {
    if (draws.isEmpty()) {
      return Mono.just(Outcome.ALLOWED);
    }
    String[] keys = new String[draws.size()];
    String[] args = new String[draws.size() * 2];
    for (int i = 0; i < draws.size(); i++) {
      Draw draw = draws.get(i);
      keys[i] = draw.key();
      args[2 * i] = Integer.toString(draw.bucket().capacity());
      args[2 * i + 1] = Double.toString(draw.bucket().refillPerSecond() / 1000.0);
    }
    return connection()
        .flatMap(redis -> evaluate(redis, keys, args))
        .map(RedisTokenBuckets::outcome)
        .timeout(timeout)
        .onErrorResume(
            failure -> {
              failOpen.increment();
              warn(failure);
              return Mono.just(Outcome.ALLOWED);
            });
  }

  private Mono<List<Object>> evaluate(
      StatefulRedisConnection<String, String> redis, String[] keys, String[] args) {
    return redis
        .reactive()
        .<List<Object>>evalsha(scriptSha, ScriptOutputType.MULTI, keys, args)
        .next()
        // A Redis that restarted (or never saw the script) answers NOSCRIPT: send it in full once;
        // EVAL caches it under the same SHA for the next EVALSHA.
        .onErrorResume(
            RedisNoScriptException.class,
            missing ->
                redis
                    .reactive()
                    .<List<Object>>eval(script, ScriptOutputType.MULTI, keys, args)
                    .next());
  }

  private static Outcome outcome(List<Object> reply) {
    boolean allowed = ((Number) reply.get(0)).longValue() == 1;
    if (allowed) {
      return Outcome.ALLOWED;
    }
    long waitMillis = ((Number) reply.get(1)).longValue();
    int limiting = ((Number) reply.get(2)).intValue() - 1;
    return new Outcome(false, Duration.ofMillis(Math.max(1, waitMillis)), limiting);
  }

  /**
   * The shared connection, opened on first use without blocking. While it is being opened, or
   * shortly after an attempt failed, requests go on unlimited rather than wait: a Redis that is
   * down costs no connect attempt per request. Once open, Lettuce reconnects it by itself.
   */
  private Mono<StatefulRedisConnection<String, String>> connection() {
    StatefulRedisConnection<String, String> open = connected;
    if (open != null) {
      return Mono.just(open);
    }
    long now = System.nanoTime();
    long next = nextConnectNanos.get();
    if (now - next < 0 || !nextConnectNanos.compareAndSet(next, now + RECONNECT_PAUSE.toNanos())) {
      return Mono.error(new IllegalStateException("not connected to Redis yet"));
    }
    client
        .connectAsync(StringCodec.UTF8, uri)
        .whenComplete(
            (connection, failure) -> {
              if (failure == null) {
                connected = connection;
              } else {
                warn(failure);
              }
            });
    return Mono.error(new IllegalStateException("connecting to Redis"));
  }

  private void warn(Throwable failure) {
    long now = System.nanoTime();
    long last = lastWarnNanos.get();
    if (now - last >= WARN_EVERY_NANOS && lastWarnNanos.compareAndSet(last, now)) {
      log.warn(
          "Rate limits are not enforced: Redis did not answer ({}). Requests go on unlimited;"
              + " see the metric streamspace.rate_limit.fail_open. (Logged at most once a minute.)",
          failure.toString());
    }
  }

  @Override
  public void close() {
    StatefulRedisConnection<String, String> open = connected;
    connected = null;
    if (open != null) {
      open.closeAsync();
    }
    client.shutdownAsync(0, 2, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static String loadScript() {
    try (InputStream in = RedisTokenBuckets.class.getResourceAsStream("token-buckets.lua")) {
      if (in == null) {
        throw new IllegalStateException("token-buckets.lua is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-1")
                  .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
