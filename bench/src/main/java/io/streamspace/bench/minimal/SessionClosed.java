package io.streamspace.bench.minimal;

import java.time.Instant;

/** The reference application's second event: a session was closed. */
public record SessionClosed(String sessionId, Instant closedAt) {}
