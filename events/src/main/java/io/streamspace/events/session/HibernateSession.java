package io.streamspace.events.session;

import io.streamspace.events.common.Requester;

/** Pause a running session, keeping its state (a user's request or the idle timeout). */
public record HibernateSession(String sessionId, Requester requester, String reason)
    implements SessionCommand {}
