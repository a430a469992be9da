package io.streamspace.command.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeysetPageTest {

  @Test
  void aPageHasTheDefaultSizeUnlessTheClientAsksForOneFromOneTo200() {
    assertThat(KeysetPage.size(null)).isEqualTo(50);
    assertThat(KeysetPage.size(" ")).isEqualTo(50);
    assertThat(KeysetPage.size("1")).isEqualTo(1);
    assertThat(KeysetPage.size(" 200 ")).isEqualTo(200);

    for (String bad : new String[] {"0", "201", "-3", "x", "2.5"}) {
      assertThatThrownBy(() -> KeysetPage.size(bad))
          .isInstanceOf(Invalid.class)
          .hasMessageContaining("page_size");
    }
  }

  @Test
  void aPageTokenLeadsBackToWhereThePageEnded() {
    KeysetPage.Cursor cursor =
        new KeysetPage.Cursor("api_keys", Instant.parse("2026-11-25T23:59:58.123456Z"), "key-7");

    assertThat(KeysetPage.Cursor.decode("api_keys", cursor.encode())).isEqualTo(cursor);
  }

  @Test
  void anotherListsTokenOrAnythingElseIsMalformed() {
    String agentTokens =
        new KeysetPage.Cursor("agent_tokens", Instant.parse("2026-11-25T00:00:00Z"), "t-1")
            .encode();

    for (String bad : new String[] {agentTokens, "zz", "!!", ""}) {
      assertThatThrownBy(() -> KeysetPage.Cursor.decode("api_keys", bad))
          .isInstanceOf(Invalid.class)
          .hasMessageContaining("page_token is malformed");
    }
  }
}
