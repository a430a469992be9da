package io.streamspace.events.session;

import io.streamspace.events.common.Revision;

/** The session could not start or died. */
@Revision("1")
public record SessionFailed(String sessionId, String organizationId, String reason)
    implements SessionEvent {
  @Override
  public SessionStatus status() {
    return SessionStatus.FAILED;
  }
}
