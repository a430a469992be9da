package io.streamspace.query.session;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** One event of a session's history: what happened, when, caused by whom, with its payload. */
public record SessionEventEntry(
    long sequence,
    String type,
    Instant occurredAt,
    String actorId,
    String requestId,
    JsonNode payload) {}
