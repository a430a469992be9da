package io.streamspace.vnc.access;

import java.time.Instant;

/**
 * The answer to {@code GET /api/v1/sessions/{id}/vnc}: where to open the session's desktop and the
 * token that opens it (also in the URL).
 */
public record VncAccess(String vncUrl, String token, Instant expiresAt) {}
