package io.streamspace.query.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ServerWebInputException;

class PageTokenTest {

  @Test
  void aTokenReadsBackTheKeysItWasMadeOf() {
    String token = new PageToken("sessions", List.of("2026-01-01T10:00:00Z", "s|1,\"x\"")).encode();

    PageToken read = PageToken.decode(token, "sessions", 2);

    assertThat(read.keys()).containsExactly("2026-01-01T10:00:00Z", "s|1,\"x\"");
    assertThat(read.instantKey(0)).isEqualTo(java.time.Instant.parse("2026-01-01T10:00:00Z"));
  }

  @Test
  void aTokenIsUrlSafeWithoutPadding() {
    String token = new PageToken("audit", List.of("12345678901234567")).encode();

    assertThat(token).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void aTokenOfAnotherListIsMalformed() {
    String token = new PageToken("audit", List.of("12")).encode();

    assertThatThrownBy(() -> PageToken.decode(token, "users", 1))
        .isInstanceOf(ServerWebInputException.class)
        .hasMessageContaining("page_token is malformed");
  }

  @Test
  void garbageIsMalformedNeverAServerError() {
    for (String garbage :
        List.of(
            "!!!",
            "e30",
            encode("[]"),
            encode("[\"users\"]"),
            encode("[\"users\", 1, 2]"),
            encode("[\"users\", \"a\", \"b\", \"c\"]"),
            encode("not json"))) {
      assertThatThrownBy(() -> PageToken.decode(garbage, "users", 2))
          .as(garbage)
          .isInstanceOf(ServerWebInputException.class);
    }
  }

  @Test
  void keysThatDoNotParseAreMalformed() {
    PageToken token = new PageToken("audit", List.of("twelve"));

    assertThatThrownBy(() -> token.longKey(0)).isInstanceOf(ServerWebInputException.class);
    assertThatThrownBy(() -> token.instantKey(0)).isInstanceOf(ServerWebInputException.class);
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
