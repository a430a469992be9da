package io.streamspace.events.identity;

import io.streamspace.events.common.Revision;

/**
 * A request that would have raised someone's rights (a role or membership change, an API key's
 * scope) or reached into another organization was refused. Kept so escalation attempts show in the
 * audit trail; the request itself changed nothing.
 *
 * @param action what was asked, as {@code METHOD path}
 * @param target the resource the request named (a user, an organization, an API key), if any
 * @param status the answer given: 403 (not allowed) or 404 (not visible to the caller)
 * @param detail the refusal's reason as the caller was told it
 */
@Revision("1")
public record AccessDenied(
    String actorId,
    String organizationId,
    String role,
    String action,
    String target,
    int status,
    String detail) {}
