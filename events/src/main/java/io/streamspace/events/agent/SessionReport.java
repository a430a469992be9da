package io.streamspace.events.agent;

/**
 * A session's status as its agent sees it: in answer to an order ({@code commandId} names it) or by
 * itself ({@code commandId} null, e.g. the app exited).
 *
 * @param vncHost where the session's VNC server listens, as seen from the agent (when running)
 * @param vncPort its port (when running), else 0
 * @param reason one line saying why (for stopped and failed)
 */
public record SessionReport(
    String sessionId,
    String commandId,
    ReportedStatus status,
    String vncHost,
    int vncPort,
    String reason) {}
