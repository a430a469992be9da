package io.streamspace.events.user;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;

/** An admin changes a person's role or disables them; {@code null} leaves a field unchanged. */
public record ChangeUser(String userId, Requester requester, Role role, Boolean disabled) {}
