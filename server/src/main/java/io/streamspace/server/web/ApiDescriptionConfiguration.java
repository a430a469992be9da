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

/**
 * The OpenAPI description at {@code /v3/api-docs} says what the API really speaks: snake_case
 * bodies, bearer tokens, and no {@link Caller} parameter (the server fills that in).
 */
@Configuration(proxyBeanMethods = false)
public class ApiDescriptionConfiguration {

  static final String BEARER = "bearer";

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  /** Swagger reads models with its own Jackson 2 mapper: give it the API's naming too. */
  @Bean
  ModelResolver snakeCaseModelResolver() {
    return new ModelResolver(
        Json.mapper()
            .copy()
            .setPropertyNamingStrategy(
                com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE));
  }

  @Bean
  OpenAPI streamSpaceApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("StreamSpace API")
                .version("v1")
                .description(
                    "Graphical applications in isolated sessions. Log in at POST"
                        + " /api/v1/auth/login and send the token as 'Authorization: Bearer'."))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }
}
