package io.streamspace.command.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
  void threadsDrawingAtOnceNeverRepeatAnId() throws Exception {
    int threads = 4;
    int perThread = 50_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<List<String>>> draws = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        draws.add(
            () -> {
              List<String> drawn = new ArrayList<>(perThread);
              for (int i = 0; i < perThread; i++) {
                drawn.add(ResourceIds.next());
              }
              return drawn;
            });
      }
      Set<String> unique = new HashSet<>();
      for (Future<List<String>> drawn : pool.invokeAll(draws)) {
        unique.addAll(drawn.get());
      }
      assertThat(unique).hasSize(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
  }
}
