package io.streamspace.server.web;

import io.streamspace.events.common.Caller;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}: the API as clients see it, bearer-secured. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

  static {
    // The caller comes from the bearer token and the connection, never from the request's
    // parameters: keep it out of the published operations.
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  /**
   * Swagger reads models with its own Jackson 2 mapper, blind to the API's SNAKE_CASE: give it the
   * same naming so the schemas show {@code access_token}, not {@code accessToken}.
   */
  @Bean
  ModelResolver snakeCaseModelResolver() {
    return new ModelResolver(
        Json.mapper()
            .copy()
            .setPropertyNamingStrategy(
                com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE));
  }

  @Bean
  OpenAPI streamSpaceOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("StreamSpace API")
                .version("v1")
                .description(
                    "Graphical applications in isolated sessions, delivered to the browser."
                        + " JSON in snake_case, errors as RFC 9457 problem+json."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
