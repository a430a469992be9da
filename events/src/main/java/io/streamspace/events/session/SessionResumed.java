package io.streamspace.events.session;

import io.streamspace.events.common.Revision;

/** A hibernated session runs again. */
@Revision("1")
public record SessionResumed(String sessionId, String organizationId, String reason)
    implements SessionEvent {
  @Override
  public SessionStatus status() {
    return SessionStatus.RUNNING;
  }
}
