package io.streamspace.bench.minimal;

/** The reference application's one command: open a session from a template. */
public record OpenSession(String sessionId, String templateId) {}
