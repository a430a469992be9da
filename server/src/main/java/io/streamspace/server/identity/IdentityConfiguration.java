package io.streamspace.server.identity;

import com.nimbusds.jose.jwk.RSAKey;
import io.streamspace.server.web.ProblemResponses;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import reactor.core.publisher.Mono;

/**
 * The platform's own identity: its signing key, the tokens it issues, and the resource server that
 * accepts them on every {@code /api/**} request. Stateless (bearer tokens, no session, no CSRF).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class IdentityConfiguration {

  @Bean
  RSAKey platformSigningKey(IdentityProperties properties, Environment environment) {
    Path dataDir =
        Path.of(
            environment.getProperty(
                "streamspace.data-dir", System.getProperty("user.home") + "/.streamspace"));
    return SigningKeyStore.loadOrCreate(properties.signingKeyIn(dataDir));
  }

  @Bean
  TokenIssuer tokenIssuer(RSAKey platformSigningKey, IdentityProperties properties) {
    return new TokenIssuer(
        platformSigningKey, properties.issuer(), properties.tokenLifetime(), Clock.systemUTC());
  }

  @Bean
  ReactiveJwtDecoder platformJwtDecoder(RSAKey platformSigningKey, IdentityProperties properties) {
    return PlatformJwtDecoder.create(platformSigningKey, properties.issuer(), Clock.systemUTC());
  }

  @Bean
  CallerResolver callerResolver() {
    return new PlatformTokenCallerResolver();
  }

  /** bcrypt for every password the platform keeps; the command side hashes with the same bean. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  SecurityWebFilterChain apiSecurity(
      ServerHttpSecurity http,
      ReactiveJwtDecoder platformJwtDecoder,
      CallerResolver callerResolver,
      ProblemResponses problems) {
    ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
    ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .authorizeExchange(
            exchanges ->
                exchanges
                    .pathMatchers("/api/v1/auth/login", "/.well-known/jwks.json")
                    .permitAll()
                    // Probes and Prometheus scrape without tokens; other actuator endpoints need
                    // one.
                    .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                    .permitAll()
                    .pathMatchers("/v3/api-docs", "/v3/api-docs/**")
                    .permitAll()
                    .pathMatchers(HttpMethod.OPTIONS, "/api/**")
                    .permitAll()
                    .pathMatchers("/api/**", "/actuator/**")
                    .authenticated()
                    // The UI's static files and the VNC WebSocket (which checks its own
                    // short-lived token) are not API calls.
                    .anyExchange()
                    .permitAll())
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .jwt(
                        jwt ->
                            jwt.jwtDecoder(platformJwtDecoder)
                                .jwtAuthenticationConverter(
                                    token ->
                                        Mono.fromCallable(
                                            () ->
                                                new RequesterAuthentication(
                                                    callerResolver.resolve(token), token))))
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(accessDenied))
        .exceptionHandling(
            handling ->
                handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
        .build();
  }
}
