package io.streamspace.events.session;

import io.streamspace.events.common.Requester;

/** End a session for good and give its quota back. */
public record StopSession(String sessionId, Requester requester, String reason)
    implements SessionCommand {}
