package io.streamspace.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Reads list answers in tests. */
public final class Pages {

  private Pages() {}

  /** The {@code items} of a list answer, which must be 200. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> items(WebTestClient client, String uri) {
    Map<?, ?> page = page(client, uri);
    return ((List<?>) page.get("items")).stream().map(item -> (Map<String, Object>) item).toList();
  }

  /** The values of {@code field} of each item, in order. */
  public static List<Object> values(WebTestClient client, String uri, String field) {
    return items(client, uri).stream()
        .map(item -> item.get(field))
        .map(Object.class::cast)
        .toList();
  }

  public static Map<?, ?> page(WebTestClient client, String uri) {
    Map<?, ?> page =
        client
            .get()
            .uri(uri)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(page).isNotNull();
    assertThat(page.get("items")).isInstanceOf(List.class);
    return page;
  }

  /** The JSON object a single read answers, which must be 200. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(WebTestClient client, String uri) {
    Map<String, Object> body =
        client
            .get()
            .uri(uri)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(body).isNotNull();
    return body;
  }

  /** Expects a 400 whose problem detail mentions {@code detail}. */
  public static void expectBadRequest(WebTestClient client, String uri, String detail) {
    client
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains(detail));
  }
}
