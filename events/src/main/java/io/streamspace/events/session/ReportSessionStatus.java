package io.streamspace.events.session;

import io.streamspace.events.agent.ReportedStatus;

/**
 * What an agent reports about a session it was given: the aggregate checks the agent is the one the
 * session was assigned to and that the transition fits.
 *
 * @param commandId the order this report answers, or null for something the agent saw by itself
 * @param vncEndpoint {@code host:port} when running
 */
public record ReportSessionStatus(
    String sessionId,
    String agentId,
    String commandId,
    ReportedStatus status,
    String vncEndpoint,
    String reason)
    implements PlatformSessionCommand {}
