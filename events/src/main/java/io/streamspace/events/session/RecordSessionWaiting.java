package io.streamspace.events.session;

/** No agent can take the pending session now; say why, so the user sees it. */
public record RecordSessionWaiting(String sessionId, String reason)
    implements PlatformSessionCommand {}
