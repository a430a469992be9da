package io.streamspace.agent;

/** The agent cannot start with its configuration; the message is the one line to fix it. */
public class AgentConfigurationException extends IllegalArgumentException {

  public AgentConfigurationException(String message) {
    super(message);
  }
}
