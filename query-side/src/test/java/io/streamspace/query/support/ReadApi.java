package io.streamspace.query.support;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import java.util.function.Consumer;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read controllers behind a WebTestClient, set up as the server sets them up: snake_case JSON
 * and the caller resolved per request (here from test headers, in the server from the JWT).
 */
public final class ReadApi {

  private static final String USER = "X-Test-User";
  private static final String ORGANIZATION = "X-Test-Organization";
  private static final String ROLE = "X-Test-Role";

  private final WebTestClient client;

  public ReadApi(Object... controllers) {
    JsonMapper json =
        JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    this.client =
        WebTestClient.bindToController(controllers)
            .controllerAdvice(new ProblemDetails())
            .argumentResolvers(resolvers -> resolvers.addCustomResolver(new TestCallerResolver()))
            .httpMessageCodecs(
                codecs -> {
                  codecs.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(json));
                  codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(json));
                })
            .build();
  }

  /** Requests made as {@code userId} of {@code organizationId} with {@code role}. */
  public WebTestClient as(String userId, String organizationId, Role role) {
    Consumer<HttpHeaders> headers =
        h -> {
          h.set(USER, userId);
          h.set(ORGANIZATION, organizationId);
          h.set(ROLE, role.wireName());
        };
    return client.mutate().defaultHeaders(headers).build();
  }

  /** Answers errors as RFC 9457 problem details with the exception's reason as the detail. */
  @ControllerAdvice
  static final class ProblemDetails extends ResponseEntityExceptionHandler {}

  private static final class TestCallerResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
      return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Mono<Object> resolveArgument(
        MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
      HttpHeaders headers = exchange.getRequest().getHeaders();
      Requester requester =
          new Requester(
              headers.getFirst(USER),
              headers.getFirst(ORGANIZATION),
              Role.fromWireName(headers.getFirst(ROLE)));
      return Mono.just(new Caller(requester, "req", "127.0.0.1", "tests"));
    }
  }
}
