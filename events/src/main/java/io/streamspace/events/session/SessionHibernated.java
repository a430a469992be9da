package io.streamspace.events.session;

import io.streamspace.events.common.Revision;

/** The session is paused; its processes keep their state. */
@Revision("1")
public record SessionHibernated(String sessionId, String organizationId, String reason)
    implements SessionEvent {
  @Override
  public SessionStatus status() {
    return SessionStatus.HIBERNATED;
  }
}
