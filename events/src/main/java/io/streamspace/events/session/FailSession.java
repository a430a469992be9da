package io.streamspace.events.session;

import io.streamspace.events.common.Requester;

/** The session could not start or died; its quota goes back. */
public record FailSession(String sessionId, Requester requester, String reason)
    implements SessionCommand {}
