package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFloorTest {

  private static final Path SCRIPT =
      Path.of("../agent/src/main/resources/io/streamspace/agent/runtime/local/session.sh");

  @Test
  void theFloorRunsTheLocalRuntimesScriptUntilTheRfbBannerAnswersAndLeavesNothingRunning(
      @TempDir Path home) throws Exception {
    SessionFloor floor = new SessionFloor(SCRIPT, home, "1280x800x24", 10, 700);

    long nanos = floor.startOnce(List.of("sleep", "60"), 256, 5);

    assertThat(nanos).isPositive();
    assertThat(ProcessHandle.allProcesses())
        .noneMatch(p -> p.info().commandLine().orElse("").contains("-display :700"))
        .noneMatch(p -> p.info().commandLine().orElse("").contains("Xvfb :700"));
  }
}
