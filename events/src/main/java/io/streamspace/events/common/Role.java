package io.streamspace.events.common;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a person may do: their own sessions, their organization, or the whole platform. */
public enum Role {
  @JsonProperty("user")
  USER,
  @JsonProperty("org_admin")
  ORG_ADMIN,
  @JsonProperty("system_admin")
  SYSTEM_ADMIN;

  /** Whether this role administers an organization (system admins administer every one). */
  public boolean administersOrganization() {
    return this != USER;
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Role fromWireName(String value) {
    for (Role role : values()) {
      if (role.wireName().equals(value)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role: " + value);
  }
}
