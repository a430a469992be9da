package io.streamspace.server.identity;

import io.streamspace.events.common.Requester;
import io.streamspace.events.identity.AccessDenied;
import io.streamspace.server.web.ClientAddressResolver;
import io.streamspace.server.web.RequestIdFilter;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audits refused attempts to raise rights: when an authenticated caller's request to change roles
 * or memberships ({@code POST /api/v1/users}, {@code PUT /api/v1/users/{id}}) or to issue or revoke
 * an API key is answered 403 (not allowed) or 404 (another organization's, or absent: the answer
 * does not tell them apart, nor does this record), an {@link AccessDenied} event records who tried
 * what on which target, with the refusal's detail. The answer itself is unchanged.
 *
 * <p>Runs right after Spring Security, so it sees the caller and the final answer of every such
 * request; the event is appended before the response completes (off the event loop), capped per
 * minute like the failed logins.
 */
public class AccessDeniedAuditFilter implements WebFilter, Ordered {

  /** Right after the security chain (-100), before rate limits and idempotency. */
  public static final int ORDER = -90;

  private static final int MAX_CAPTURED_BODY = 16 * 1024;

  private record Guarded(HttpMethod method, PathPattern pattern) {}

  private static final List<Guarded> GUARDED = guarded();

  private final IdentityAudit audit;
  private final ClientAddressResolver clientAddresses;
  private final JsonMapper json;

  public AccessDeniedAuditFilter(
      IdentityAudit audit, ClientAddressResolver clientAddresses, JsonMapper json) {
    this.audit = audit;
    this.clientAddresses = clientAddresses;
    this.json = json;
  }

  /** The chain names every filter on every request (a checkpoint each): a constant, not a hash. */
  @Override
  public String toString() {
    return "AccessDeniedAuditFilter";
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Guarded guarded = match(exchange);
    if (guarded == null) {
      return chain.filter(exchange);
    }
    AtomicReference<byte[]> problem = new AtomicReference<>();
    ServerWebExchange capturing =
        exchange.mutate().response(new ProblemCapture(exchange, problem)).build();
    return chain
        .filter(capturing)
        .then(
            Mono.defer(
                () -> {
                  HttpStatusCode status = exchange.getResponse().getStatusCode();
                  if (status == null || (status.value() != 403 && status.value() != 404)) {
                    return Mono.empty();
                  }
                  return ReactiveSecurityContextHolder.getContext()
                      .map(SecurityContext::getAuthentication)
                      .filter(Authentication::isAuthenticated)
                      .map(Authentication::getPrincipal)
                      .ofType(Requester.class)
                      .flatMap(
                          requester ->
                              record(exchange, guarded, requester, status.value(), problem.get()));
                }));
  }

  private Mono<Void> record(
      ServerWebExchange exchange,
      Guarded guarded,
      Requester requester,
      int status,
      byte[] problem) {
    String path = exchange.getRequest().getPath().value();
    PathPattern.PathMatchInfo variables =
        guarded.pattern().matchAndExtract(PathContainer.parsePath(path));
    String target = variables == null ? null : variables.getUriVariables().get("id");
    String address = clientAddresses.clientAddress(exchange);
    String agent = exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT);
    if (agent != null && agent.length() > 512) {
      agent = agent.substring(0, 512);
    }
    AccessDenied denied =
        new AccessDenied(
            requester.userId(),
            requester.organizationId(),
            requester.role().wireName(),
            guarded.method().name() + " " + path,
            target,
            status,
            detailOf(problem));
    return audit.recordCapped(
        denied,
        new IdentityAudit.Facts(
            requester.userId(),
            requester.organizationId(),
            RequestIdFilter.requestId(exchange),
            address,
            agent));
  }

  private String detailOf(byte[] problem) {
    if (problem == null || problem.length == 0) {
      return null;
    }
    try {
      JsonNode detail = json.readTree(problem).get("detail");
      return detail == null || detail.isNull() ? null : detail.asString();
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  private static Guarded match(ServerWebExchange exchange) {
    HttpMethod method = exchange.getRequest().getMethod();
    PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
    for (Guarded guarded : GUARDED) {
      if (guarded.method().equals(method) && guarded.pattern().matches(path)) {
        return guarded;
      }
    }
    return null;
  }

  private static List<Guarded> guarded() {
    PathPatternParser parser = PathPatternParser.defaultInstance;
    return List.of(
        new Guarded(HttpMethod.POST, parser.parse("/api/v1/users")),
        new Guarded(HttpMethod.PUT, parser.parse("/api/v1/users/{id}")),
        new Guarded(HttpMethod.POST, parser.parse("/api/v1/api-keys")),
        new Guarded(HttpMethod.DELETE, parser.parse("/api/v1/api-keys/{id}")));
  }

  /** Keeps a copy of a problem answer's body (small by nature) on its way out. */
  private static final class ProblemCapture extends ServerHttpResponseDecorator {
    private final AtomicReference<byte[]> captured;

    ProblemCapture(ServerWebExchange exchange, AtomicReference<byte[]> captured) {
      super(exchange.getResponse());
      this.captured = captured;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
      MediaType type = getHeaders().getContentType();
      HttpStatusCode status = getStatusCode();
      boolean refusal =
          status != null
              && (status.value() == 403 || status.value() == 404)
              && type != null
              && type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
      if (!refusal) {
        return super.writeWith(body);
      }
      return DataBufferUtils.join(body, MAX_CAPTURED_BODY)
          .flatMap(
              joined -> {
                byte[] bytes = new byte[joined.readableByteCount()];
                joined.read(bytes);
                DataBufferUtils.release(joined);
                captured.set(bytes);
                return super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
              });
    }
  }
}
