package io.streamspace.events.session;

import io.streamspace.events.common.Requester;

/** A person starts watching a running session through the VNC proxy. */
public record ConnectViewer(String sessionId, Requester requester, String viewerId)
    implements SessionCommand {}
