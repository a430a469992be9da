package io.streamspace.command.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResourceIdsTest {

  @Test
  void anIdIsARandomVersionFourUuid() {
    String text = ResourceIds.next();
    UUID id = UUID.fromString(text);

    assertThat(id.version()).isEqualTo(4);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(text).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void threadsDrawingAtOnceNeverRepeatAnId() {
    int draws = 200_000;
    Set<String> unique =
        IntStream.range(0, draws)
            .parallel()
            .mapToObj(i -> ResourceIds.next())
            .collect(Collectors.toSet());

    assertThat(unique).hasSize(draws);
  }
}
