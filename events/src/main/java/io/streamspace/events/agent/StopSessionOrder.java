package io.streamspace.events.agent;

/** Stop this session; repeating the same {@code commandId} changes nothing more. */
public record StopSessionOrder(String commandId, String sessionId, String reason) {}
