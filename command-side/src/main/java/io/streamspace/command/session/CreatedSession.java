package io.streamspace.command.session;

import io.streamspace.events.common.Resources;
import io.streamspace.events.session.SessionStatus;
import java.time.Instant;

/** What creating a session answers: the new session as it stands, pending. */
public record CreatedSession(
    String id,
    SessionStatus status,
    String templateId,
    String organizationId,
    String userId,
    Resources resources,
    Instant createdAt) {}
