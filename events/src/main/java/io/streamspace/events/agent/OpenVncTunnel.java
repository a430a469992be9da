package io.streamspace.events.agent;

/**
 * The first payload of a VNC tunnel: which session's VNC server the agent should connect to.
 *
 * @param tunnelId the server's id for this tunnel, for both ends' logs
 * @param sessionId the session whose VNC port the agent opens
 */
public record OpenVncTunnel(String tunnelId, String sessionId) {}
