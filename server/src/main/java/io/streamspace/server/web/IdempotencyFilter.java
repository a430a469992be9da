package io.streamspace.server.web;

import io.streamspace.events.common.Requester;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Makes a {@code POST} with an {@code Idempotency-Key} header safe to retry: the first request runs
 * and its answer is stored; a retry with the same key and body gets that answer again (with {@code
 * Idempotent-Replayed: true}) and changes nothing; a retry while the first still runs gets 409; the
 * same key with a different body gets 422.
 *
 * <p>Answers that say the request never took effect are not stored, and the key is released, so a
 * corrected or later retry can run: server failures (5xx) and malformed requests (400, 413, 415,
 * 422) that a client fixes by changing the body.
 */
public class IdempotencyFilter implements WebFilter, Ordered {

  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  /** After Spring Security (order -100), so the caller is known; before routing. */
  public static final int ORDER = -50;

  private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
  private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
  private static final byte[] EMPTY = new byte[0];

  private final IdempotencyStore store;
  private final ProblemResponses problems;
  private final int maxBodyBytes;

  public IdempotencyFilter(IdempotencyStore store, ProblemResponses problems, int maxBodyBytes) {
    this.store = store;
    this.problems = problems;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The chain names every filter on every request (a checkpoint each): a constant, not a hash. */
  @Override
  public String toString() {
    return "IdempotencyFilter";
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String key = exchange.getRequest().getHeaders().getFirst(HEADER);
    if (key == null || !HttpMethod.POST.equals(exchange.getRequest().getMethod())) {
      return chain.filter(exchange);
    }
    if (!VALID_KEY.matcher(key).matches()) {
      return problems.write(
          exchange,
          problem(
              HttpStatus.BAD_REQUEST,
              ProblemTypes.INVALID_REQUEST,
              "Invalid request",
              "Idempotency-Key must be 1 to 255 visible ASCII characters"));
    }
    return callerId()
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(
            userId ->
                userId.isPresent()
                    ? idempotent(exchange, chain, userId.get(), key)
                    // Anonymous requests (the login) change nothing worth guarding.
                    : chain.filter(exchange));
  }

  private Mono<Void> idempotent(
      ServerWebExchange exchange, WebFilterChain chain, String userId, String key) {
    ServerHttpRequest request = exchange.getRequest();
    String path = request.getURI().getRawPath();
    String query = request.getURI().getRawQuery();
    String target = query == null ? path : path + "?" + query;
    return DataBufferUtils.join(request.getBody(), maxBodyBytes)
        .map(IdempotencyFilter::drain)
        .defaultIfEmpty(EMPTY)
        .flatMap(
            body -> {
              RequestFingerprint fingerprint =
                  RequestFingerprint.of(request.getMethod().name(), target, body);
              return toTheEnd(
                  blocking(() -> store.claim(userId, key, fingerprint))
                      .flatMap(
                          claim -> answer(claim, fingerprint, exchange, chain, userId, key, body)));
            })
        // Too large to fingerprint is too large to handle: answered before any key is taken.
        .onErrorResume(
            DataBufferLimitException.class, tooLarge -> problems.write(exchange, tooLarge));
  }

  private Mono<Void> answer(
      IdempotencyStore.Claim claim,
      RequestFingerprint request,
      ServerWebExchange exchange,
      WebFilterChain chain,
      String userId,
      String key,
      byte[] body) {
    if (claim instanceof IdempotencyStore.Claim.Acquired) {
      return run(exchange, chain, userId, key, body);
    }
    if (claim instanceof IdempotencyStore.Claim.Replay replay) {
      return replay(exchange, replay.response());
    }
    if (claim instanceof IdempotencyStore.Claim.InProgress) {
      return problems.write(
          exchange,
          problem(
              HttpStatus.CONFLICT,
              ProblemTypes.IDEMPOTENCY_KEY_IN_PROGRESS,
              "Request in progress",
              "request with this Idempotency-Key is in progress"));
    }
    IdempotencyStore.Claim.Mismatch mismatch = (IdempotencyStore.Claim.Mismatch) claim;
    boolean sameTarget =
        mismatch.original().method().equals(request.method())
            && mismatch.original().path().equals(request.path());
    return problems.write(
        exchange,
        problem(
            HttpStatus.UNPROCESSABLE_CONTENT,
            ProblemTypes.IDEMPOTENCY_KEY_REUSED,
            "Idempotency-Key reused",
            sameTarget
                ? "Idempotency-Key reused with a different request body"
                : "Idempotency-Key reused for a different request (method/path)"));
  }

  private Mono<Void> run(
      ServerWebExchange exchange, WebFilterChain chain, String userId, String key, byte[] body) {
    CapturingResponse response =
        new CapturingResponse(exchange.getResponse(), answer -> settle(userId, key, answer));
    ServerWebExchange replayable =
        exchange
            .mutate()
            .request(new CachedBodyRequest(exchange.getRequest(), body))
            .response(response)
            .build();
    return chain
        .filter(replayable)
        .then(Mono.defer(() -> response.settled() ? Mono.empty() : settle(userId, key, response)))
        .onErrorResume(failure -> release(userId, key).then(Mono.error(failure)));
  }

  /**
   * Runs {@code work} to its end even when the client hangs up: one subscription of our own,
   * carrying the request's context (its security context above all), that the client's cancellation
   * cannot reach. The command a request started runs to its end anyway (see the command side's
   * {@code CommandSender}), so its answer must be settled too, or a retry with the same key would
   * find the key released (and run the command twice) or stuck in progress.
   */
  private static Mono<Void> toTheEnd(Mono<Void> work) {
    return Mono.deferContextual(
        context -> {
          Mono<Void> shared = work.cache();
          shared.contextWrite(context).subscribe(ignored -> {}, failure -> {});
          return shared;
        });
  }

  /**
   * Stores the answer for retries, or frees the key when the answer is not worth replaying. Runs
   * before the answer leaves (see {@link CapturingResponse}), so a client that retries the moment
   * it has the answer finds it stored, not "in progress".
   */
  private Mono<Void> settle(String userId, String key, CapturingResponse response) {
    HttpStatusCode status =
        response.getStatusCode() == null ? HttpStatus.OK : response.getStatusCode();
    if (!worthStoring(status) || response.streamed()) {
      return release(userId, key);
    }
    HttpHeaders headers = response.getHeaders();
    StoredResponse stored =
        holdsSecret(headers)
            ? secretNotRepeated(status, headers.getFirst(HttpHeaders.LOCATION))
            : new StoredResponse(
                status.value(),
                headers.getContentType() == null ? null : headers.getContentType().toString(),
                headers.getFirst(HttpHeaders.LOCATION),
                response.capturedBody());
    return blocking(() -> store.complete(userId, key, stored))
        .onErrorResume(
            failure -> {
              // Without a stored copy the key is freed, so a retry runs again rather than
              // waiting for a record that never comes.
              log.warn(
                  "Cannot store the answer for Idempotency-Key {}: {}", key, failure.toString());
              return release(userId, key);
            });
  }

  /** An answer marked {@code no-store} holds a secret shown once (an agent token, a key). */
  static boolean holdsSecret(HttpHeaders headers) {
    String cacheControl = headers.getCacheControl();
    return cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-store");
  }

  /**
   * What a retry gets instead of an answer that held a secret: the secret is never written to the
   * store, so the retry learns that the first request succeeded and where its resource is, not the
   * secret again.
   */
  static StoredResponse secretNotRepeated(HttpStatusCode original, String location) {
    String detail =
        "the first request with this Idempotency-Key succeeded (status "
            + original.value()
            + "); its answer held a secret that is shown only once and is not repeated"
            + (location == null ? "" : "; the resource is at " + location);
    String json =
        "{\"type\":\""
            + ProblemTypes.SECRET_NOT_REPEATED
            + "\",\"title\":\"Answer not repeated\",\"status\":409,\"detail\":\""
            + detail.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}";
    return new StoredResponse(
        HttpStatus.CONFLICT.value(),
        MediaType.APPLICATION_PROBLEM_JSON_VALUE,
        location,
        json.getBytes(StandardCharsets.UTF_8));
  }

  static boolean worthStoring(HttpStatusCode status) {
    int code = status.value();
    return code < 500 && code != 400 && code != 413 && code != 415 && code != 422;
  }

  private Mono<Void> replay(ServerWebExchange exchange, StoredResponse stored) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
    HttpHeaders headers = response.getHeaders();
    if (stored.contentType() != null) {
      headers.setContentType(MediaType.parseMediaType(stored.contentType()));
    }
    if (stored.location() != null) {
      headers.set(HttpHeaders.LOCATION, stored.location());
    }
    headers.set(REPLAYED_HEADER, "true");
    headers.setContentLength(stored.body().length);
    if (stored.body().length == 0) {
      return response.setComplete();
    }
    return response.writeWith(Mono.just(response.bufferFactory().wrap(stored.body())));
  }

  private Mono<Void> release(String userId, String key) {
    return blocking(() -> store.release(userId, key))
        .onErrorResume(
            failure -> {
              log.warn("Cannot release Idempotency-Key {}: {}", key, failure.toString());
              return Mono.empty();
            });
  }

  private static Mono<String> callerId() {
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .filter(a -> a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken))
        .map(IdempotencyFilter::userId);
  }

  private static String userId(Authentication authentication) {
    return authentication.getPrincipal() instanceof Requester requester
        ? requester.userId()
        : authentication.getName();
  }

  private static Problem problem(HttpStatus status, URI type, String title, String detail) {
    return new Problem(ProblemTypes.problem(status, type, title, detail), new HttpHeaders());
  }

  private static byte[] drain(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  private static Mono<Void> blocking(Runnable work) {
    return Mono.fromRunnable(work).subscribeOn(Schedulers.boundedElastic()).then();
  }

  private static <T> Mono<T> blocking(Callable<T> work) {
    return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
  }

  /** The request with its body already read: handed to the handler again from memory. */
  private static final class CachedBodyRequest extends ServerHttpRequestDecorator {

    private final byte[] body;

    CachedBodyRequest(ServerHttpRequest delegate, byte[] body) {
      super(delegate);
      this.body = body;
    }

    @Override
    public Flux<DataBuffer> getBody() {
      return body.length == 0
          ? Flux.empty()
          : Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
    }
  }

  /**
   * The response, with a copy of its body kept for the store. {@code settle} runs once, when the
   * answer is complete and before it is written, so the store never lags behind the client.
   */
  private static final class CapturingResponse extends ServerHttpResponseDecorator {

    private final java.util.function.Function<CapturingResponse, Mono<Void>> settle;
    private byte[] body;
    private boolean streamed;
    private boolean settled;

    CapturingResponse(
        ServerHttpResponse delegate,
        java.util.function.Function<CapturingResponse, Mono<Void>> settle) {
      super(delegate);
      this.settle = settle;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> content) {
      return DataBufferUtils.join(Flux.from(content))
          .map(IdempotencyFilter::drain)
          .defaultIfEmpty(EMPTY)
          .flatMap(
              bytes -> {
                this.body = bytes;
                return settleOnce()
                    .then(
                        Mono.defer(
                            () ->
                                super.writeWith(
                                    bytes.length == 0
                                        ? Flux.empty()
                                        : Mono.just(bufferFactory().wrap(bytes)))));
              });
    }

    @Override
    public Mono<Void> setComplete() {
      return settleOnce().then(Mono.defer(super::setComplete));
    }

    @Override
    public Mono<Void> writeAndFlushWith(
        Publisher<? extends Publisher<? extends DataBuffer>> content) {
      // A stream has no single answer to replay.
      this.streamed = true;
      return settleOnce().then(Mono.defer(() -> super.writeAndFlushWith(content)));
    }

    private Mono<Void> settleOnce() {
      return Mono.defer(
          () -> {
            if (settled) {
              return Mono.empty();
            }
            settled = true;
            return settle.apply(this);
          });
    }

    boolean settled() {
      return settled;
    }

    byte[] capturedBody() {
      return body == null ? EMPTY : body;
    }

    boolean streamed() {
      return streamed;
    }
  }
}
