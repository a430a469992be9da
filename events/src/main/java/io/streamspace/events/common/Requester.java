package io.streamspace.events.common;

import java.util.Objects;

/**
 * Who asks for a change: the aggregates use it to scope every command to the requester's
 * organization and, for plain users, to their own resources.
 */
public record Requester(String userId, String organizationId, Role role) {

  public Requester {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(organizationId, "organizationId");
    Objects.requireNonNull(role, "role");
  }

  /** The platform itself (idle timeouts, agents, bootstrap), acting inside one organization. */
  public static Requester system(String organizationId) {
    return new Requester("system", organizationId, Role.SYSTEM_ADMIN);
  }

  public boolean mayAdminister(String organizationId) {
    return role == Role.SYSTEM_ADMIN
        || (role == Role.ORG_ADMIN && this.organizationId.equals(organizationId));
  }

  public boolean mayUse(String organizationId, String ownerUserId) {
    return mayAdminister(organizationId)
        || (this.organizationId.equals(organizationId) && userId.equals(ownerUserId));
  }
}
