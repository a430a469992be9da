package io.streamspace.vnc;

import io.streamspace.events.common.Caller;

/**
 * One person watching one session through one tunnel.
 *
 * @param viewerId the tunnel's id, unique per connection
 * @param sessionId the session watched
 * @param caller who watches, with the request facts the audit log keeps
 */
public record Viewer(String viewerId, String sessionId, Caller caller) {}
