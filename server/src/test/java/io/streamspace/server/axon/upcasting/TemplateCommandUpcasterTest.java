package io.streamspace.server.axon.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateCommandUpcasterTest {

  @Test
  void splitsOnWhitespaceAndKeepsQuotedArgumentsWhole() {
    assertThat(TemplateCommandUpcaster.splitArguments("  xterm  -e \"top -d 1\" 'a b'c "))
        .containsExactly("xterm", "-e", "top -d 1", "a bc");
  }

  @Test
  void keepsEmptyQuotedArguments() {
    assertThat(TemplateCommandUpcaster.splitArguments("app '' x")).containsExactly("app", "", "x");
  }
}
