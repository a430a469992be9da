package io.streamspace.vnc.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The server ships the viewer page and noVNC's client from its classpath, built by npm. */
class ViewerRoutesTest {

  private final WebTestClient client =
      WebTestClient.bindToRouterFunction(new ViewerRoutes().viewerRouter()).build();

  @Test
  void theViewerPageIsServedForASessionAndLoadsOnlyExternalScripts() {
    String html =
        client
            .get()
            .uri("/view/abc")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectHeader()
            .valueEquals("Cache-Control", "no-cache")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(html).contains("<main id=\"screen\"").contains("<form id=\"login\"");
    // script-src 'self': every script is a file of ours, none is inline.
    Matcher scripts =
        Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
    int count = 0;
    while (scripts.find()) {
      count++;
      assertThat(scripts.group(1)).contains("src=\"assets/viewer.js\"");
      assertThat(scripts.group(2)).isBlank();
    }
    assertThat(count).isEqualTo(1);
    assertThat(html).doesNotContainPattern("\\son[a-z]+\\s*=");
  }

  @Test
  void theViewerScriptAndNoVncsEntryModuleAreServedAsJavaScript() {
    String viewer = javaScript("/view/assets/viewer.js");
    assertThat(viewer).contains("import RFB from '../../novnc/core/rfb.js'");

    String rfb = javaScript("/novnc/core/rfb.js");
    assertThat(rfb).contains("export default class RFB");
    // rfb.js imports pako from vendor/: that must be shipped as well.
    javaScript("/novnc/vendor/pako/lib/zlib/inflate.js");
  }

  @Test
  void theShippedNoVncIsThePinnedVersionWithItsLicence() {
    assertThat(body("/novnc/VERSION")).isEqualTo("1.7.0\n");
    assertThat(body("/novnc/LICENSE.txt")).contains("noVNC");
  }

  @Test
  void anythingElseUnderTheViewerPathsIsNotFound() {
    client.get().uri("/view/a%20b").exchange().expectStatus().isNotFound();
    client.get().uri("/view/abc/extra").exchange().expectStatus().isNotFound();
    client.get().uri("/novnc/core/nothing.js").exchange().expectStatus().isNotFound();
    client.get().uri("/novnc/../page/viewer.html").exchange().expectStatus().isNotFound();
  }

  private String javaScript(String path) {
    byte[] body =
        client
            .get()
            .uri(path)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .value(
                "Content-Type",
                type -> assertThat(type).matches("(text|application)/javascript(;.*)?"))
            .expectHeader()
            .valueEquals("X-Content-Type-Options", "nosniff")
            .expectBody()
            .returnResult()
            .getResponseBody();
    return new String(body, StandardCharsets.UTF_8);
  }

  private String body(String path) {
    byte[] body =
        client
            .get()
            .uri(path)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    return new String(body, StandardCharsets.UTF_8);
  }
}
