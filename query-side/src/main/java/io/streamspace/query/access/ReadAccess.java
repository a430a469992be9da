package io.streamspace.query.access;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Role;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may read what: everyone reads inside their own organization, plain users only their own
 * sessions, and system admins every organization. Another organization's resource answers 404
 * exactly as an unknown id does, so nothing about other tenants leaks.
 */
public final class ReadAccess {

  private ReadAccess() {}

  /**
   * The organization a list reads: the caller's own, or for a system admin the one they name.
   *
   * @throws ResponseStatusException 403 when anyone else names another organization
   */
  public static String organizationToList(Caller caller, Optional<String> requested) {
    if (requested.isEmpty() || requested.get().equals(caller.organizationId())) {
      return caller.organizationId();
    }
    if (caller.role() == Role.SYSTEM_ADMIN) {
      return requested.get();
    }
    throw forbidden("only a system admin may read another organization");
  }

  /** Whether the caller may see a resource of {@code organizationId} at all. */
  public static boolean mayReadOrganization(Caller caller, String organizationId) {
    return caller.role() == Role.SYSTEM_ADMIN || caller.organizationId().equals(organizationId);
  }

  /** Whether the caller may see a resource owned by {@code userId} in {@code organizationId}. */
  public static boolean mayReadOwned(Caller caller, String organizationId, String userId) {
    if (!mayReadOrganization(caller, organizationId)) {
      return false;
    }
    return caller.role().administersOrganization() || caller.userId().equals(userId);
  }

  /** Refuses plain users: the endpoint is for organization and system admins. */
  public static void requireAdmin(Caller caller) {
    if (!caller.role().administersOrganization()) {
      throw forbidden("this needs the org_admin or system_admin role");
    }
  }

  /** Refuses everyone but system admins. */
  public static void requireSystemAdmin(Caller caller) {
    if (caller.role() != Role.SYSTEM_ADMIN) {
      throw forbidden("this needs the system_admin role");
    }
  }

  /** The 404 for an id the caller may not see or that does not exist: the two look the same. */
  public static ResponseStatusException notFound(String kind, String id) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, kind + " " + id + " not found");
  }

  private static ResponseStatusException forbidden(String reason) {
    return new ResponseStatusException(HttpStatus.FORBIDDEN, reason);
  }
}
