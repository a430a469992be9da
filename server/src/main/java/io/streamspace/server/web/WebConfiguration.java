package io.streamspace.server.web;

import java.util.List;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The request pipeline every API call goes through: request ids, the {@link
 * io.streamspace.events.common.Caller} parameter, the body size cap, snake_case JSON and
 * problem+json errors.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebFluxConfigurer {

  private final HttpProperties properties;
  private final ClientAddressResolver clientAddresses;

  public WebConfiguration(HttpProperties properties) {
    this.properties = properties;
    this.clientAddresses = new ClientAddressResolver(properties.trustedProxies());
  }

  @Override
  public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
    configurer.addCustomResolver(new CallerArgumentResolver(clientAddresses));
  }

  @Override
  public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
    // A cap on what a decoder buffers: a larger body is refused with 413 before it fills memory.
    configurer.defaultCodecs().maxInMemorySize(Math.toIntExact(properties.maxBodySize().toBytes()));
  }

  /**
   * The application's JSON mappers, as Spring Boot builds them, on a stream factory that keeps one
   * buffer recycler per thread. Spring's JSON encoder takes a recycler from the factory's pool for
   * every answer it writes and never returns it: with Jackson 3's default pool (a shared deque)
   * each answer then made a new recycler and new buffers, a tenth of what the server allocated
   * under load. A per-thread recycler is simply reused.
   */
  @Bean
  @Scope("prototype")
  static JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
    JsonMapper.Builder builder =
        JsonMapper.builder(
            JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build());
    customizers.forEach(customizer -> customizer.customize(builder));
    return builder;
  }

  /** The API speaks snake_case with ISO-8601 times, while Java records stay camelCase. */
  @Bean
  JsonMapperBuilderCustomizer apiJsonConventions() {
    return builder ->
        builder
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /**
   * Request bodies are read strictly: an unknown field (a typo such as {@code resource}) and a
   * value of the wrong JSON type ({@code 123} for a string, {@code 1.5} for an integer) are 400s
   * naming the field, rather than being dropped or silently converted. Only the decoder of request
   * bodies is strict; answers are written with the application's mapper as it is, and the event
   * store's serializer (server/axon) has its own.
   */
  @Bean
  @Order(10)
  CodecCustomizer strictRequestBodies(JsonMapper jsonMapper) {
    JsonMapper strict = strictRequestMapper(jsonMapper);
    return configurer ->
        configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(strict));
  }

  /** {@code api} with the strictness request bodies are read with. */
  public static JsonMapper strictRequestMapper(JsonMapper api) {
    return api.rebuild()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .withCoercionConfig(
            LogicalType.Textual,
            config ->
                config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(
            LogicalType.Integer,
            config ->
                config
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(
            LogicalType.Boolean,
            config ->
                config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
        .build();
  }

  @Bean
  SecurityHeadersFilter securityHeadersFilter(SecurityHeadersProperties headers) {
    return new SecurityHeadersFilter(headers, clientAddresses);
  }

  @Bean
  ApiCorsFilter apiCorsFilter(CorsProperties cors) {
    return new ApiCorsFilter(cors);
  }

  @Bean
  RequestIdFilter requestIdFilter() {
    return new RequestIdFilter();
  }

  @Bean
  ClientAddressResolver clientAddressResolver() {
    return clientAddresses;
  }

  @Bean
  ProblemMapper problemMapper() {
    return new ProblemMapper(properties);
  }

  @Bean
  ProblemResponses problemResponses(ProblemMapper problemMapper, JsonMapper jsonMapper) {
    return new ProblemResponses(problemMapper, jsonMapper);
  }

  @Bean
  ProblemErrorWebExceptionHandler problemErrorWebExceptionHandler(ProblemResponses problems) {
    return new ProblemErrorWebExceptionHandler(problems);
  }
}
