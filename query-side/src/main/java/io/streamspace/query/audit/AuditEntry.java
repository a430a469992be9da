package io.streamspace.query.audit;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One line of the audit log: which event, on which resource, caused by whom, from where, and when.
 *
 * @param position the event's global position in the event store; the log pages by it
 * @param resourceType the type of the aggregate the event belongs to; null for an event published
 *     without one
 * @param resourceId the aggregate the event belongs to (session, template or organization id), or
 *     the resource an event without one names (a user signing in, an API key used)
 */
public record AuditEntry(
    long position,
    String eventId,
    String eventType,
    String resourceType,
    String resourceId,
    String organizationId,
    String actorId,
    String requestId,
    String clientIp,
    String userAgent,
    Instant occurredAt,
    JsonNode payload) {}
