package io.streamspace.vnc;

import io.streamspace.events.session.SessionStatus;
import java.time.Instant;

/**
 * What the VNC path needs to know of a session: whose it is, whether it runs, since when (tokens
 * are bound to one run), and which agent runs it.
 */
public record VncSession(
    String id,
    String organizationId,
    String userId,
    SessionStatus status,
    Instant runningSince,
    String agentId) {

  /** Whether this is the same run a token was issued for. */
  public boolean isRunningSince(Instant since) {
    return status == SessionStatus.RUNNING
        && runningSince != null
        && since != null
        && runningSince.toEpochMilli() == since.toEpochMilli();
  }
}
