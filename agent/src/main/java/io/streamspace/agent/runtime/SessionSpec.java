package io.streamspace.agent.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to run for one session: the template's command for a user, with its environment and
 * resources.
 *
 * @param sessionId the platform's session id
 * @param userId the owner, whose home directory is kept across their sessions
 * @param command the app's argv; it finds the display through {@code DISPLAY}
 * @param environment extra environment for the app
 * @param resources what the session may use
 */
public record SessionSpec(
    String sessionId,
    String userId,
    List<String> command,
    Map<String, String> environment,
    Resources resources) {

  // Ids become file names (home directories, logs): nothing that could climb out of a directory.
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public SessionSpec {
    requireSafeId("sessionId", sessionId);
    requireSafeId("userId", userId);
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("command must not be empty");
    }
    command = List.copyOf(command);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    for (String key : environment.keySet()) {
      if (!ENV_NAME.matcher(key).matches()) {
        throw new IllegalArgumentException("environment variable name is invalid: " + key);
      }
    }
    resources = Objects.requireNonNullElse(resources, Resources.UNLIMITED);
  }

  private static void requireSafeId(String name, String value) {
    if (value == null || !SAFE_ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          name + " must be 1-128 characters of letters, digits, '.', '_' or '-': " + value);
    }
  }

  /**
   * Resources a session may use; 0 means no limit.
   *
   * @param cpuMillis CPU share in thousandths of a core
   * @param memoryMb memory in MiB
   */
  public record Resources(int cpuMillis, int memoryMb) {
    public static final Resources UNLIMITED = new Resources(0, 0);

    public Resources {
      if (cpuMillis < 0 || memoryMb < 0) {
        throw new IllegalArgumentException("resources must not be negative");
      }
    }
  }
}
