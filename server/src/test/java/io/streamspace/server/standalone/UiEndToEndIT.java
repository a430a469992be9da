package io.streamspace.server.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The web UI driven in headless Debian Chromium (playwright-core, {@code ui/e2e/run.mjs}) against
 * the packaged server with its local agent, as a person uses it after {@code ./streamspace up}:
 * sign in, start a session from the catalog and watch it run without a reload, open its desktop,
 * step through its history, create a user, visit every admin screen, and a user of another
 * organization who sees none of it; beside that, axe-core on every main screen, keyboard reach with
 * a visible focus, clipboard in and out, a reconnect after a network drop without a reload, the
 * connection quality, and the main screens at 1280x720 without sideways scrolling. Screenshots land
 * in {@code ui/target/e2e-screenshots/}.
 */
class UiEndToEndIT {

  private static final Path UI = Path.of("..", "ui").toAbsolutePath().normalize();
  private static final Path SCREENSHOTS = UI.resolve("target").resolve("e2e-screenshots");

  private PackagedServer server;

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null) {
      server.kill();
    }
  }

  @Test
  void aPersonWalksThroughTheUi() throws Exception {
    assertThat(Path.of("/usr/bin/chromium")).as("Debian chromium (./streamspace test)").exists();
    assertThat(UI.resolve("node_modules/playwright-core")).as("npm ci in ui").exists();
    Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "ui-e2e-");
    server =
        new PackagedServer(
                dataDir,
                PackagedServer.freePort(),
                "--streamspace.local-agent.jar=" + PackagedServer.AGENT_JAR)
            .start();
    server.login(); // waits for the first start's bootstrap (admin, templates)

    Path log = dataDir.resolve("e2e.log");
    Process walk =
        new ProcessBuilder(
                "node",
                "e2e/run.mjs",
                "http://localhost:" + server.port,
                PackagedServer.ADMIN_PASSWORD,
                SCREENSHOTS.toString())
            .directory(UI.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = walk.waitFor(8, TimeUnit.MINUTES);
    if (!finished) {
      walk.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);

    assertThat(finished).as("the walk ended in time:\n" + output).isTrue();
    assertThat(walk.exitValue()).as("every step passed:\n" + output).isZero();
    assertThat(output).doesNotContain("not ok");
    assertThat(SCREENSHOTS.resolve("03-sessions-running.png")).exists();
  }
}
