package io.streamspace.server.identity;

import com.nimbusds.jose.jwk.RSAKey;
import io.streamspace.command.apikey.ApiKeyCredentials;
import io.streamspace.command.apikey.ApiKeyUsage;
import io.streamspace.server.identity.oidc.SignOnEntryPoint;
import io.streamspace.server.web.ClientAddressResolver;
import io.streamspace.server.web.ProblemResponses;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

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
  TokenIssuer tokenIssuer(
      RSAKey platformSigningKey, IdentityProperties properties, Environment environment) {
    return new TokenIssuer(
        platformSigningKey,
        issuer(properties, environment),
        properties.tokenLifetime(),
        Clock.systemUTC());
  }

  @Bean
  ReactiveJwtDecoder platformJwtDecoder(
      RSAKey platformSigningKey, IdentityProperties properties, Environment environment) {
    return PlatformJwtDecoder.create(
        platformSigningKey, issuer(properties, environment), Clock.systemUTC());
  }

  private static String issuer(IdentityProperties properties, Environment environment) {
    return properties.issuerFor(environment.getProperty("server.port"));
  }

  @Bean
  CachedAccountStandings accountStandings(UserAccounts accounts, IdentityProperties properties) {
    return new CachedAccountStandings(
        accounts,
        properties.accountCheckInterval(),
        properties.accountCheckCacheSize(),
        System::nanoTime);
  }

  @Bean
  CallerResolver callerResolver(CachedAccountStandings accountStandings) {
    return new PlatformTokenCallerResolver(accountStandings);
  }

  @Bean
  ApiKeyAuthentication apiKeyAuthentication(
      ApiKeyCredentials credentials,
      ApiKeyUsage usage,
      CachedAccountStandings accountStandings,
      ClientAddressResolver clientAddresses) {
    return new ApiKeyAuthentication(credentials, usage, accountStandings, clientAddresses);
  }

  @Bean
  AccessDeniedAuditFilter accessDeniedAuditFilter(
      IdentityAudit audit, ClientAddressResolver clientAddresses, JsonMapper jsonMapper) {
    return new AccessDeniedAuditFilter(audit, clientAddresses, jsonMapper);
  }

  /**
   * No Micrometer observation around each security filter, authentication and authorization: they
   * wrapped every request in a dozen observations (a twentieth of the server's CPU under load) that
   * nothing reads. The HTTP server's own request metrics stay.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /** bcrypt for every password the platform keeps; the command side hashes with the same bean. */
  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  /** Open to anyone: the login, the key set, probes, Prometheus and the API description. */
  static final List<String> PUBLIC_PATHS =
      List.of(
          "/api/v1/auth/login",
          // single sign-on: the provider list and the start of a browser login
          "/api/v1/auth/providers",
          "/api/v1/auth/oidc/*/login",
          "/.well-known/jwks.json",
          "/actuator/health",
          "/actuator/health/**",
          "/actuator/prometheus",
          "/v3/api-docs",
          "/v3/api-docs/**");

  static final PathsMatcher PUBLIC_ENDPOINTS =
      PathsMatcher.anyOf(PUBLIC_PATHS.toArray(String[]::new));

  static final PathsMatcher PROTECTED_ENDPOINTS = PathsMatcher.anyOf("/api/**", "/actuator/**");

  static final PathsMatcher PROTECTED_ENDPOINTS_EXCEPT_PUBLIC =
      PROTECTED_ENDPOINTS.except(PUBLIC_ENDPOINTS);

  /** CORS preflights, which never carry credentials. */
  static final PathsMatcher API_PREFLIGHTS = PathsMatcher.anyOf(HttpMethod.OPTIONS, "/api/**");

  /**
   * Reads bearer tokens only where they are needed, so a stale token a client still sends does not
   * turn a login or a health probe into a 401.
   */
  private static ServerAuthenticationConverter bearerTokensOfProtectedEndpoints() {
    BearerTokens bearer = new BearerTokens();
    return exchange ->
        PROTECTED_ENDPOINTS_EXCEPT_PUBLIC.test(exchange) ? bearer.convert(exchange) : Mono.empty();
  }

  /** Spring Security's strict firewall, its header rules checked without regular expressions. */
  @Bean
  ServerWebExchangeFirewall exchangeFirewall() {
    return ExchangeFirewall.strict();
  }

  @Bean
  SecurityWebFilterChain apiSecurity(
      ServerHttpSecurity http,
      ReactiveAuthenticationManagerResolver<ServerWebExchange> bearerTokenAuthentication,
      ApiKeyAuthentication apiKeys,
      ProblemResponses problems) {
    // A refused single sign-on (unknown organization) is a 403; every other failure a 401.
    ServerAuthenticationEntryPoint entryPoint =
        SignOnEntryPoint.wrap(new ProblemAuthenticationEntryPoint(problems), problems);
    ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        // web.SecurityHeadersFilter writes them all, HSTS included: only it knows which proxies may
        // say "https"
        .headers(ServerHttpSecurity.HeaderSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .authorizeExchange(
            exchanges ->
                exchanges
                    .matchers(PUBLIC_ENDPOINTS)
                    .permitAll()
                    .matchers(API_PREFLIGHTS)
                    .permitAll()
                    .matchers(PROTECTED_ENDPOINTS)
                    .authenticated()
                    // The UI's static files and the VNC WebSocket (which checks its own
                    // short-lived token) are not API calls.
                    .anyExchange()
                    .permitAll())
        // API keys (ssk_...) are checked as keys; every other bearer token as a JWT.
        .addFilterAt(
            apiKeys.filter(PROTECTED_ENDPOINTS_EXCEPT_PUBLIC, entryPoint),
            SecurityWebFiltersOrder.AUTHENTICATION)
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    .bearerTokenConverter(
                        ApiKeyAuthentication.exceptApiKeys(bearerTokensOfProtectedEndpoints()))
                    // the platform's own tokens, and those of configured OIDC providers
                    .authenticationManagerResolver(bearerTokenAuthentication)
                    .authenticationEntryPoint(entryPoint)
                    .accessDeniedHandler(accessDenied))
        .exceptionHandling(
            handling ->
                handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
        .build();
  }
}
