package io.streamspace.server.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

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

  /** The API speaks snake_case with ISO-8601 times, while Java records stay camelCase. */
  @Bean
  JsonMapperBuilderCustomizer apiJsonConventions() {
    return builder ->
        builder
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS);
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
