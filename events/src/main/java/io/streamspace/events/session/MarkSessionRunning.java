package io.streamspace.events.session;

import io.streamspace.events.common.Requester;

/** The session's app and VNC server are up. */
public record MarkSessionRunning(String sessionId, Requester requester, String vncEndpoint)
    implements SessionCommand {}
