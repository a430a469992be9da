package io.streamspace.events.session;

import io.streamspace.events.common.Revision;

/**
 * A viewer's tunnel closed; {@code status} is the session's status at that moment (a tunnel also
 * closes because its session stopped or hibernated). Idle time counts from the last of these.
 */
@Revision("1")
public record ViewerDisconnected(
    String sessionId,
    String organizationId,
    String viewerId,
    String userId,
    String reason,
    SessionStatus status)
    implements SessionEvent {}
