package io.streamspace.events.session;

import io.streamspace.events.common.Revision;

/** A pending session waits for an agent, for this reason. */
@Revision("1")
public record SessionWaiting(String sessionId, String organizationId, String reason)
    implements SessionEvent {
  @Override
  public SessionStatus status() {
    return SessionStatus.PENDING;
  }
}
