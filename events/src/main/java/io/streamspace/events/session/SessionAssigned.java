package io.streamspace.events.session;

import io.streamspace.events.common.Revision;

/**
 * A pending session was placed on an agent and the start order {@code commandId} issued to it; it
 * stays pending until the agent reports. A session is assigned once, so it never gets two runtimes.
 */
@Revision("1")
public record SessionAssigned(
    String sessionId, String organizationId, String agentId, String commandId)
    implements SessionEvent {
  @Override
  public SessionStatus status() {
    return SessionStatus.PENDING;
  }
}
