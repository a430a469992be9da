package io.streamspace.events.session;

import io.streamspace.events.common.Revision;

/**
 * A person started watching the session: the audit log shows who watched what, and a session with a
 * viewer is never idle.
 */
@Revision("1")
public record ViewerConnected(
    String sessionId, String organizationId, String viewerId, String userId)
    implements SessionEvent {
  @Override
  public SessionStatus status() {
    return SessionStatus.RUNNING;
  }
}
