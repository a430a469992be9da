package io.streamspace.events.agent;

/** Resume this session; repeating the same {@code commandId} changes nothing more. */
public record ResumeSessionOrder(String commandId, String sessionId, String reason) {}
