package io.streamspace.command.agent;

import java.time.Instant;

/**
 * The answer to issuing an agent token, the only place its secret {@code token} ever appears: the
 * platform keeps its hash alone, so it can never show it again.
 */
public record AgentTokenShownOnce(
    String id, String name, String prefix, String token, Instant createdAt) {

  @Override
  public String toString() {
    // never let the secret reach a log line
    return "AgentTokenShownOnce[id=%s, name=%s, prefix=%s]".formatted(id, name, prefix);
  }
}
