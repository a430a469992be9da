package io.streamspace.query.live;

/**
 * A change as the stream sends it: its kind (the SSE event name), whose it is, and the resource as
 * the read API shows it.
 *
 * @param organizationId null for what belongs to no organization (agents, resync)
 * @param userId the owner of a session, null otherwise
 */
record LiveEvent(String kind, String organizationId, String userId, Object data) {}
