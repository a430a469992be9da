package io.streamspace.events.session;

import io.streamspace.events.common.Requester;

/** A viewer's tunnel closed, for this reason; a viewer not connected is already gone. */
public record DisconnectViewer(
    String sessionId, Requester requester, String viewerId, String reason)
    implements SessionCommand {}
