package io.streamspace.command.session;

import io.streamspace.events.session.SessionStatus;

/** The answer to a lifecycle request: the session and the status it moved to. */
public record SessionStatusResponse(String id, SessionStatus status) {}
