package io.streamspace.server.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamspace.events.common.Requester;
import io.streamspace.server.web.ClientAddressResolver;
import io.streamspace.server.web.Problem;
import io.streamspace.server.web.ProblemResponses;
import io.streamspace.server.web.ProblemTypes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Draws every {@code /api/**} request from its buckets (the caller's, the caller's organization's,
 * the client address's) and answers {@code 429} problem+json with {@code Retry-After} when one is
 * empty.
 *
 * <p>Runs after Spring Security (which has put the caller in the reactive context) and before the
 * {@code Idempotency-Key} handling, so a refused request stores nothing.
 */
public class RateLimitFilter implements WebFilter, Ordered {

  /** After the security chain (-100), before the idempotency filter (-50). */
  public static final int ORDER = -75;

  static final URI RATE_LIMITED = URI.create("urn:streamspace:problem:rate-limited");

  private static final String[] BUCKET_NAMES = {"user", "organization", "ip"};

  private final TokenBuckets buckets;
  private final RateLimitProperties properties;
  private final ClientAddressResolver clientAddresses;
  private final ProblemResponses problems;
  private final MeterRegistry meters;

  public RateLimitFilter(
      TokenBuckets buckets,
      RateLimitProperties properties,
      ClientAddressResolver clientAddresses,
      ProblemResponses problems,
      MeterRegistry meters) {
    this.buckets = buckets;
    this.properties = properties;
    this.clientAddresses = clientAddresses;
    this.problems = problems;
    this.meters = meters;
  }

  /** The chain names every filter on every request (a checkpoint each): a constant, not a hash. */
  @Override
  public String toString() {
    return "RateLimitFilter";
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
      return chain.filter(exchange);
    }
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .filter(Authentication::isAuthenticated)
        .map(Authentication::getPrincipal)
        .ofType(Requester.class)
        .map(requester -> draws(requester, exchange))
        .switchIfEmpty(Mono.fromSupplier(() -> draws(null, exchange)))
        .flatMap(
            draws ->
                buckets
                    .take(draws.draws())
                    .flatMap(
                        outcome ->
                            outcome.allowed()
                                ? chain.filter(exchange)
                                : refuse(
                                    exchange, draws.names().get(outcome.limitingDraw()), outcome)));
  }

  private record Draws(List<TokenBuckets.Draw> draws, List<String> names) {}

  private Draws draws(Requester requester, ServerWebExchange exchange) {
    List<TokenBuckets.Draw> draws = new ArrayList<>(3);
    List<String> names = new ArrayList<>(3);
    String prefix = properties.keyPrefix();
    if (requester != null) {
      draws.add(new TokenBuckets.Draw(prefix + "user:" + requester.userId(), properties.perUser()));
      names.add(BUCKET_NAMES[0]);
      draws.add(
          new TokenBuckets.Draw(
              prefix + "org:" + requester.organizationId(), properties.perOrganization()));
      names.add(BUCKET_NAMES[1]);
    }
    String address = clientAddresses.clientAddress(exchange);
    if (address != null) {
      draws.add(new TokenBuckets.Draw(prefix + "ip:" + address, properties.perIp()));
      names.add(BUCKET_NAMES[2]);
    }
    return new Draws(draws, names);
  }

  private Mono<Void> refuse(
      ServerWebExchange exchange, String bucket, TokenBuckets.Outcome outcome) {
    Counter.builder("streamspace.rate_limit.rejected")
        .description("requests answered 429 because a rate-limit bucket was empty")
        .tag("bucket", bucket)
        .register(meters)
        .increment();
    long seconds = Math.max(1, (outcome.retryAfter().toMillis() + 999) / 1000);
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    String whose =
        switch (bucket) {
          case "user" -> "your";
          case "organization" -> "your organization's";
          default -> "your address's";
        };
    return problems.write(
        exchange,
        new Problem(
            ProblemTypes.problem(
                HttpStatus.TOO_MANY_REQUESTS,
                RATE_LIMITED,
                "Too many requests",
                "too many requests: "
                    + whose
                    + " rate limit is used up; retry in "
                    + seconds
                    + " s"),
            headers));
  }
}
