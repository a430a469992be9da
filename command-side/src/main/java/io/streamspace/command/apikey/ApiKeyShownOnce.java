package io.streamspace.command.apikey;

import io.streamspace.events.common.Role;
import java.time.Instant;

/**
 * The answer to issuing an API key, the only place its secret {@code key} ever appears: the
 * platform keeps its hash alone, so it can never show it again.
 */
public record ApiKeyShownOnce(
    String id,
    String name,
    String prefix,
    String key,
    String userId,
    String organizationId,
    Role scope,
    Instant createdAt,
    Instant expiresAt) {

  @Override
  public String toString() {
    // never let the secret reach a log line
    return "ApiKeyShownOnce[id=%s, name=%s, prefix=%s]".formatted(id, name, prefix);
  }
}
