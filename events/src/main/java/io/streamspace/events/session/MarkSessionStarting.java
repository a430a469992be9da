package io.streamspace.events.session;

import io.streamspace.events.common.Requester;

/** An agent accepted the session and is starting it. */
public record MarkSessionStarting(String sessionId, Requester requester, String agentId)
    implements SessionCommand {}
