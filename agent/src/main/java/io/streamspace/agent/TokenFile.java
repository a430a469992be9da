package io.streamspace.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an agent token kept in a file: its only content, surrounding whitespace ignored. */
final class TokenFile {

  private TokenFile() {}

  static String read(Path file) {
    String read;
    try {
      read = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new AgentConfigurationException(
          "cannot read the agent token file " + file + ": " + e.getMessage());
    }
    if (read.isEmpty()) {
      throw new AgentConfigurationException("the agent token file " + file + " is empty");
    }
    return read;
  }
}
