package io.streamspace.events.session;

/**
 * Placement chose {@code agentId} for a pending session; {@code commandId} names the start order
 * that goes to it.
 */
public record AssignSession(String sessionId, String agentId, String commandId)
    implements PlatformSessionCommand {}
