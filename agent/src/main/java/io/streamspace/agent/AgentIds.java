package io.streamspace.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An agent's id when none is configured: made once from the host name and 8 random hex digits and
 * kept in the data directory, so the agent is the same agent after a restart.
 */
final class AgentIds {

  static final String FILE = "agent-id";
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private AgentIds() {}

  /** The id kept in {@code dataDir}, made and written there on first use. */
  static String of(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        return check(Files.readString(file, StandardCharsets.UTF_8).strip());
      }
      String id = hostName() + "-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
      Files.createDirectories(dataDir);
      Path temporary = Files.createTempFile(dataDir, FILE, ".tmp");
      Files.writeString(temporary, id + "\n", StandardCharsets.UTF_8);
      Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return id;
    } catch (IOException e) {
      throw new AgentConfigurationException(
          "cannot keep the agent id in " + file + ": " + e.getMessage());
    }
  }

  static String check(String id) {
    if (!VALID.matcher(id).matches()) {
      throw new AgentConfigurationException(
          "the agent id must be 1-128 letters, digits, '.', '_' or '-': " + id);
    }
    return id;
  }

  private static String hostName() {
    String name = System.getenv("HOSTNAME");
    if (name == null || name.isBlank()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        name = "agent";
      }
    }
    String cleaned =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    if (cleaned.isEmpty()) {
      return "agent";
    }
    return cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
  }
}
