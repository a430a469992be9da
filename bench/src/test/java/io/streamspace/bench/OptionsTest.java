package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
    assertThat(Options.parse(new String[] {"--agents", "1000", "--url=http://x:1"}, ""))
        .containsEntry("agents", "1000")
        .containsEntry("url", "http://x:1");
  }

  @Test
  void helpPrintsTheUsageAndParsesNothing() {
    assertThat(Options.parse(new String[] {"--agents", "5", "--help"}, "usage\n")).isNull();
  }
}
