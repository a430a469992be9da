package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The firewall's character checks accept exactly what Spring Security's expressions accept. */
class ExchangeFirewallTest {

  private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
  private static final Pattern VALUES =
      Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

  @Test
  void everyCharacterIsJudgedAsSpringSecurityJudgesIt() {
    List<String> samples =
        IntStream.concat(IntStream.rangeClosed(0, 0x3000), IntStream.of(0xFFFF, 0x1F600, 0x10FFFF))
            .mapToObj(Character::toString)
            .toList();
    for (String text : samples) {
      assertThat(ExchangeFirewall.assignedAndNotControl(text))
          .as("name U+%04X", text.codePointAt(0))
          .isEqualTo(NAMES.matcher(text).matches());
      assertThat(ExchangeFirewall.headerValue(text))
          .as("value U+%04X", text.codePointAt(0))
          .isEqualTo(VALUES.matcher(text).matches());
    }
  }

  @Test
  void requestsHeadersPassAndControlCharactersDoNot() {
    assertThat(ExchangeFirewall.headerValue("Bearer eyJhbGciOi.J9-_x")).isTrue();
    assertThat(ExchangeFirewall.headerValue("a\tb")).isTrue();
    assertThat(ExchangeFirewall.assignedAndNotControl("a\tb")).isFalse();
    assertThat(ExchangeFirewall.headerValue("évidemment ✓ 😀")).isTrue();
    assertThat(ExchangeFirewall.headerValue("bad\r\nSet-Cookie: x")).isFalse();
    assertThat(ExchangeFirewall.headerValue("\u0378")).as("unassigned").isFalse();
    assertThat(ExchangeFirewall.headerValue("x\u0085y")).as("a C1 control").isFalse();
    assertThat(ExchangeFirewall.headerValue("\uD800"))
        .as("a lone surrogate, as Spring's")
        .isEqualTo(VALUES.matcher("\uD800").matches());
    assertThat(ExchangeFirewall.headerValue("")).isTrue();
    assertThat(ExchangeFirewall.headerValue(null)).as("a header asked for and absent").isTrue();
  }
}
