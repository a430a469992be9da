package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/** The security chain's path sets answer exactly as Spring Security's own path matchers would. */
class PathsMatcherTest {

  private static final ServerWebExchangeMatcher SPRING_PUBLIC =
      ServerWebExchangeMatchers.pathMatchers(
          IdentityConfiguration.PUBLIC_PATHS.toArray(String[]::new));
  private static final ServerWebExchangeMatcher SPRING_PROTECTED =
      ServerWebExchangeMatchers.pathMatchers("/api/**", "/actuator/**");

  static List<String> paths() {
    return List.of(
        "/api/v1/sessions",
        "/api/v1/sessions/abc/events",
        "/api/v1/auth/login",
        "/api/v1/auth/login/",
        "/api/v1/auth/loginx",
        "/api/v1/auth/providers",
        "/api/v1/auth/oidc/google/login",
        "/api/v1/auth/oidc/a/b/login",
        "/api/v1/auth/oidc//login",
        "/api/v1/auth%2Flogin",
        "/API/v1/auth/login",
        "/api",
        "/api/",
        "/apix/v1",
        "/actuator/health",
        "/actuator/health/readiness",
        "/actuator/prometheus",
        "/actuator/metrics/jvm.compilation.time",
        "/v3/api-docs",
        "/v3/api-docs/swagger-config",
        "/.well-known/jwks.json",
        "/",
        "/index.html",
        "/assets/app.js",
        "/ws/vnc");
  }

  private static MockServerWebExchange request(HttpMethod method, String path) {
    return MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
  }

  private static boolean springSays(ServerWebExchangeMatcher matcher, MockServerWebExchange ex) {
    return matcher.matches(ex).block().isMatch();
  }

  @ParameterizedTest
  @MethodSource("paths")
  void publicAndProtectedPathsAreThoseOfSpringSecuritysPathMatchers(String path) {
    for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS)) {
      MockServerWebExchange exchange = request(method, path);
      boolean isPublic = springSays(SPRING_PUBLIC, exchange);
      boolean isProtected = springSays(SPRING_PROTECTED, exchange);
      boolean guarded =
          springSays(
              new AndServerWebExchangeMatcher(
                  SPRING_PROTECTED, new NegatedServerWebExchangeMatcher(SPRING_PUBLIC)),
              exchange);
      boolean preflight =
          springSays(
              ServerWebExchangeMatchers.pathMatchers(HttpMethod.OPTIONS, "/api/**"), exchange);

      assertThat(IdentityConfiguration.PUBLIC_ENDPOINTS.matches(exchange).block().isMatch())
          .as("%s %s public", method, path)
          .isEqualTo(isPublic);
      assertThat(IdentityConfiguration.PROTECTED_ENDPOINTS.matches(exchange).block().isMatch())
          .as("%s %s protected", method, path)
          .isEqualTo(isProtected);
      assertThat(IdentityConfiguration.PROTECTED_ENDPOINTS_EXCEPT_PUBLIC.test(exchange))
          .as("%s %s guarded", method, path)
          .isEqualTo(guarded);
      assertThat(IdentityConfiguration.API_PREFLIGHTS.matches(exchange).block().isMatch())
          .as("%s %s preflight", method, path)
          .isEqualTo(preflight);
    }
  }

  @ParameterizedTest
  @MethodSource("paths")
  void aGuardedPathIsProtectedAndNotPublic(String path) {
    MockServerWebExchange exchange = request(HttpMethod.GET, path);
    assertThat(IdentityConfiguration.PROTECTED_ENDPOINTS_EXCEPT_PUBLIC.test(exchange))
        .isEqualTo(
            IdentityConfiguration.PROTECTED_ENDPOINTS.test(exchange)
                && !IdentityConfiguration.PUBLIC_ENDPOINTS.test(exchange));
  }
}
