package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/** Bearer tokens are read, and refused, exactly as Spring Security's converter reads them. */
class BearerTokensTest {

  private static final String JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.MEUCIQD-x_y~z+a/b";

  @Test
  void everyHeaderGetsSpringSecuritysAnswer() {
    List<String> headers = new ArrayList<>();
    headers.addAll(
        List.of(
            "Bearer " + JWT,
            "bearer " + JWT,
            "BEARER " + JWT,
            "Bearer " + JWT + "==",
            "Bearer " + JWT + "=x",
            "Bearer =",
            "Bearer ",
            "Bearer",
            "Bearer  " + JWT,
            "Bearer " + JWT + " ",
            "Bearer " + JWT + "\n",
            "Bearer\t" + JWT,
            "Bearerx" + JWT,
            "Basic YWRtaW46c2VjcmV0",
            "Bearer ab=c",
            ""));
    // every ASCII and a few other characters inside a token
    IntStream.concat(IntStream.range(0, 0x80), IntStream.of(0xE9, 0x212A, 0x1F600))
        .forEach(c -> headers.add("Bearer ab" + Character.toString(c) + "cd"));
    for (String header : headers) {
      assertThat(answer(new BearerTokens(), withHeader(header, "/api/v1/sessions")))
          .as("Authorization: %s", header)
          .isEqualTo(
              answer(
                  new ServerBearerTokenAuthenticationConverter(),
                  withHeader(header, "/api/v1/sessions")));
    }
  }

  @Test
  void aWellFormedHeaderIsReadWithoutSpringsExpression() {
    assertThat(
            BearerTokens.wellFormedToken(
                withHeader("Bearer " + JWT, "/api/v1/sessions").getRequest()))
        .isEqualTo(JWT);
    assertThat(
            BearerTokens.wellFormedToken(
                withHeader("Bearer ab=c", "/api/v1/sessions").getRequest()))
        .isNull();
  }

  @Test
  void aTokenInTheQueryAsWellIsJudgedBySpring() {
    String path = "/api/v1/sessions?access_token=" + JWT;
    assertThat(answer(new BearerTokens(), withHeader("Bearer " + JWT, path)))
        .isEqualTo(
            answer(
                new ServerBearerTokenAuthenticationConverter(), withHeader("Bearer " + JWT, path)));
    assertThat(BearerTokens.wellFormedToken(withHeader("Bearer " + JWT, path).getRequest()))
        .as("left to Spring")
        .isNull();
    assertThat(answer(new BearerTokens(), withHeader("Bearer " + JWT, "/api/v1/sessions?limit=5")))
        .isEqualTo("token " + JWT);
  }

  @Test
  void noHeaderIsNoToken() {
    ServerWebExchange exchange =
        MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/sessions"));
    assertThat(answer(new BearerTokens(), exchange)).isEqualTo("none");
  }

  private static ServerWebExchange withHeader(String header, String path) {
    return MockServerWebExchange.from(
        MockServerHttpRequest.get(path).header(HttpHeaders.AUTHORIZATION, header));
  }

  /** What a converter made of the request: a token, nothing, or a refusal with its description. */
  private static String answer(
      org.springframework.security.web.server.authentication.ServerAuthenticationConverter
          converter,
      ServerWebExchange exchange) {
    try {
      return converter
          .convert(exchange)
          .map(a -> "token " + ((BearerTokenAuthenticationToken) a).getToken())
          .defaultIfEmpty("none")
          .block();
    } catch (OAuth2AuthenticationException e) {
      return "refused " + e.getError().getDescription();
    }
  }
}
