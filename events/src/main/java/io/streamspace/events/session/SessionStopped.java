package io.streamspace.events.session;

import io.streamspace.events.common.Revision;

/** The session ended for good. */
@Revision("1")
public record SessionStopped(String sessionId, String organizationId, String reason)
    implements SessionEvent {
  @Override
  public SessionStatus status() {
    return SessionStatus.STOPPED;
  }
}
