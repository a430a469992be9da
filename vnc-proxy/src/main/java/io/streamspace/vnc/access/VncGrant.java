package io.streamspace.vnc.access;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import java.time.Instant;

/**
 * What a VNC token allows: one person to watch one run of one session, until it expires.
 *
 * @param tokenId the token's own id ({@code jti})
 * @param runningSince when the session last became running; a hibernation or stop ends the run and
 *     with it every token of the run
 */
public record VncGrant(
    String tokenId,
    String sessionId,
    String userId,
    String organizationId,
    Role role,
    Instant runningSince,
    Instant expiresAt) {

  public Requester requester() {
    return new Requester(userId, organizationId, role);
  }
}
