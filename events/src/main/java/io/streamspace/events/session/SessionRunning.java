package io.streamspace.events.session;

import io.streamspace.events.common.Revision;

/** The session is up and can be connected to. */
@Revision("1")
public record SessionRunning(String sessionId, String organizationId, String vncEndpoint)
    implements SessionEvent {
  @Override
  public SessionStatus status() {
    return SessionStatus.RUNNING;
  }
}
