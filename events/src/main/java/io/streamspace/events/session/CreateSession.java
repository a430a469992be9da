package io.streamspace.events.session;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;

/**
 * A user asks for a new session of a template; {@code resources} may be null for the template's
 * defaults.
 */
public record CreateSession(
    String sessionId, Requester requester, String templateId, Resources resources)
    implements SessionCommand {}
