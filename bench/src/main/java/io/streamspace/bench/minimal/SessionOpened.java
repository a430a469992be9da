package io.streamspace.bench.minimal;

import java.time.Instant;

/** The reference application's one event: a session was opened. */
public record SessionOpened(String sessionId, String templateId, Instant openedAt) {}
