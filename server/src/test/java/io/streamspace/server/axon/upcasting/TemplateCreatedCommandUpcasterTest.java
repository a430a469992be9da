package io.streamspace.server.axon.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateCreatedCommandUpcasterTest {

  @Test
  void splitsOnWhitespaceAndKeepsQuotedArgumentsWhole() {
    assertThat(TemplateCreatedCommandUpcaster.splitArguments("  xterm  -e \"top -d 1\" 'a b'c "))
        .containsExactly("xterm", "-e", "top -d 1", "a bc");
  }

  @Test
  void keepsEmptyQuotedArguments() {
    assertThat(TemplateCreatedCommandUpcaster.splitArguments("app '' x"))
        .containsExactly("app", "", "x");
  }
}
