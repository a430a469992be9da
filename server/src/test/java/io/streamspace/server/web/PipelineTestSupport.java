package io.streamspace.server.web;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.identity.RequesterAuthentication;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.server.WebFilter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The pieces of the server's pipeline, put together without an application context. */
final class PipelineTestSupport {

  static final Requester ALICE = new Requester("user-alice", "org-1", Role.USER);

  private PipelineTestSupport() {}

  /** The JSON conventions of the API, as Spring Boot builds them in the application. */
  static JsonMapper apiJson() {
    return JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
        .build();
  }

  static Consumer<ServerCodecConfigurer> codecs(int maxBodyBytes) {
    JsonMapper json = apiJson();
    return configurer -> {
      configurer
          .defaultCodecs()
          .jacksonJsonDecoder(new JacksonJsonDecoder(WebConfiguration.strictRequestMapper(json)));
      configurer.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(json));
      configurer.defaultCodecs().maxInMemorySize(maxBodyBytes);
    };
  }

  static LocalValidatorFactoryBean validator() {
    LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
    validator.afterPropertiesSet();
    return validator;
  }

  /** Stands in for the resource server: every request is {@code requester}'s. */
  static WebFilter authenticatedAs(Requester requester) {
    Jwt token =
        Jwt.withTokenValue("token")
            .header("alg", "RS256")
            .subject(requester.userId())
            .claims(claims -> claims.putAll(Map.of("org", requester.organizationId())))
            .issuedAt(Instant.now())
            .expiresAt(Instant.now().plusSeconds(60))
            .build();
    return (exchange, chain) ->
        chain
            .filter(exchange)
            .contextWrite(
                ReactiveSecurityContextHolder.withAuthentication(
                    new RequesterAuthentication(requester, token)));
  }
}
