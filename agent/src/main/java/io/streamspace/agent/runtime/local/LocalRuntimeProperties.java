package io.streamspace.agent.runtime.local;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the local runtime, with defaults that work on a single machine.
 *
 * @param dataDir where users' home directories ({@code homes/<userId>}) and session logs ({@code
 *     sessions/<sessionId>.log}) live; defaults to {@code ~/.streamspace/agent}
 * @param displayFrom lowest X display number to use; above the numbers desktops usually take
 * @param displayTo highest X display number to use
 * @param screen Xvfb screen geometry, {@code WIDTHxHEIGHTxDEPTH}
 * @param startTimeout how long a session may take until its VNC server answers
 * @param stopGrace how long a stopping session may take to exit after SIGTERM before SIGKILL
 * @param niceness scheduling niceness of the app, so sessions cannot starve the agent
 * @param path where to look for Xvfb, x11vnc and the other tools (and the app's PATH); empty for
 *     the agent's own PATH
 */
@ConfigurationProperties("streamspace.agent.local")
public record LocalRuntimeProperties(
    Path dataDir,
    @DefaultValue("100") int displayFrom,
    @DefaultValue("399") int displayTo,
    @DefaultValue("1280x800x24") String screen,
    @DefaultValue("20s") Duration startTimeout,
    @DefaultValue("5s") Duration stopGrace,
    @DefaultValue("10") int niceness,
    String path) {

  public LocalRuntimeProperties {
    if (dataDir == null) {
      dataDir = Path.of(System.getProperty("user.home"), ".streamspace", "agent");
    }
    if (displayFrom < 1 || displayTo < displayFrom) {
      throw new IllegalArgumentException("display range must be 1 <= from <= to");
    }
    if (!screen.matches("\\d+x\\d+x\\d+")) {
      throw new IllegalArgumentException("screen must be WIDTHxHEIGHTxDEPTH: " + screen);
    }
  }

  /** The defaults, rooted at the given data directory. */
  public static LocalRuntimeProperties defaults(Path dataDir) {
    return new LocalRuntimeProperties(
        dataDir, 100, 399, "1280x800x24", Duration.ofSeconds(20), Duration.ofSeconds(5), 10, null);
  }

  /** The same settings rooted at another data directory. */
  public LocalRuntimeProperties withDataDir(Path dataDir) {
    return new LocalRuntimeProperties(
        dataDir, displayFrom, displayTo, screen, startTimeout, stopGrace, niceness, path);
  }

  /** The PATH the runtime searches and gives to sessions. */
  public String effectivePath() {
    if (path != null && !path.isBlank()) {
      return path;
    }
    String inherited = System.getenv("PATH");
    return inherited == null ? "/usr/local/bin:/usr/bin:/bin" : inherited;
  }
}
