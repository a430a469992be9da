package io.streamspace.query.session;

import io.streamspace.events.common.Resources;
import io.streamspace.events.session.SessionStatus;
import java.time.Instant;

/**
 * A session as the read API shows it. The agent's VNC endpoint stays out: browsers connect through
 * the VNC proxy, never to an agent directly.
 */
public record SessionView(
    String id,
    String organizationId,
    String userId,
    String templateId,
    String templateName,
    SessionStatus status,
    String statusReason,
    Resources resources,
    String agentId,
    Instant createdAt,
    Instant updatedAt) {}
