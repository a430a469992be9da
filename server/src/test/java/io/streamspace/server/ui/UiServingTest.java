package io.streamspace.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.server.support.IntegrationTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * The web UI is served at {@code /} with client-side routing: page navigations get {@code
 * index.html}, the server's own paths never do, and hashed assets are cached for good while the
 * page itself is revalidated every time.
 */
class UiServingTest extends IntegrationTest {

  private static final String PAGE_MARKER = "<div id=\"root\">";

  @ParameterizedTest
  @ValueSource(strings = {"/", "/catalog", "/sessions/abc/history", "/login", "/login/callback"})
  void aPageNavigationGetsTheUiUncached(String path) {
    EntityExchangeResult<String> page = navigate(path);

    assertThat(page.getStatus().value()).isEqualTo(200);
    assertThat(page.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML))
        .isTrue();
    assertThat(page.getResponseHeaders().getCacheControl()).contains("no-cache");
    assertThat(page.getResponseBody()).contains(PAGE_MARKER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/no-such-thing",
        "/api/v1/sessions",
        "/ws/vnc",
        "/view/some-session",
        "/novnc/vnc.html",
        "/actuator/health",
        "/v3/api-docs",
        "/.well-known/jwks.json",
        "/login/oauth2/code/corp"
      })
  void theServersOwnPathsNeverAnswerWithTheUi(String path) {
    EntityExchangeResult<String> answer = navigate(path);

    assertThat(answer.getResponseBody())
        .satisfiesAnyOf(
            body -> assertThat(body).isNull(),
            body -> assertThat(body).doesNotContain(PAGE_MARKER));
  }

  @Test
  void aScriptAskingForAMissingFileGetsA404NotThePage() {
    client
        .get()
        .uri("/assets/no-such-file.js")
        .accept(MediaType.ALL)
        .exchange()
        .expectStatus()
        .isNotFound();
  }

  @Test
  void hashedAssetsAreCachedForAYearAndThePageNamesThem() {
    String page = navigate("/").getResponseBody();
    Matcher script = Pattern.compile("src=\"(/assets/index-[^\"]+\\.js)\"").matcher(page);
    assertThat(script.find()).as("index.html names its entry script").isTrue();

    client
        .get()
        .uri(script.group(1))
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .value(
            "Cache-Control",
            value -> assertThat(value).contains("max-age=31536000").contains("immutable"));
  }

  private EntityExchangeResult<String> navigate(String path) {
    return client
        .get()
        .uri(path)
        .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        .exchange()
        .expectBody(String.class)
        .returnResult();
  }
}
