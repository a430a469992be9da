package io.streamspace.events.session;

import io.streamspace.events.common.Requester;

/** Wake a hibernated session. */
public record ResumeSession(String sessionId, Requester requester, String reason)
    implements SessionCommand {}
