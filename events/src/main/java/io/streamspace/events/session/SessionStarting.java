package io.streamspace.events.session;

import io.streamspace.events.common.Revision;

/** An agent is starting the session. */
@Revision("1")
public record SessionStarting(String sessionId, String organizationId, String agentId)
    implements SessionEvent {
  @Override
  public SessionStatus status() {
    return SessionStatus.STARTING;
  }
}
