package io.streamspace.server.identity;

import io.streamspace.events.common.Role;

/**
 * What the account table says about a person right now: the role they hold and whether they may act
 * at all. A token's claims are only what was true when it was issued.
 */
public record AccountStanding(String userId, Role role, boolean disabled) {}
