package io.streamspace.command.common;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Role;

/** The role checks controllers make before sending a command the caller could never be allowed. */
public final class Roles {

  private Roles() {}

  public static void requireOrganizationAdmin(Caller caller) {
    if (!caller.role().administersOrganization()) {
      throw new Forbidden("this needs an organization admin or a system admin");
    }
  }

  public static void requireSystemAdmin(Caller caller) {
    if (caller.role() != Role.SYSTEM_ADMIN) {
      throw new Forbidden("this needs a system admin");
    }
  }
}
