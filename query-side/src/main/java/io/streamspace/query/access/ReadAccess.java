package io.streamspace.query.access;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Role;
import io.streamspace.query.paging.Page;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Who may read what: everyone reads inside their own organization, plain users only their own
 * sessions, and system admins every organization. Another organization's resource answers 404
 * exactly as an unknown id does, and another organization named in a list filter lists nothing
 * exactly as an organization without such resources does, so nothing about other tenants leaks.
 */
public final class ReadAccess {

  private ReadAccess() {}

  /**
   * The organization a list reads: the caller's own when they name none, the one they name when
   * they may read it, and empty when they may not (the list then answers no items).
   */
  public static Optional<String> organizationToList(Caller caller, Optional<String> requested) {
    if (requested.isEmpty()) {
      return Optional.of(caller.organizationId());
    }
    return mayReadOrganization(caller, requested.get()) ? requested : Optional.empty();
  }

  /**
   * Lists with {@code list} in the organization the caller asks for (see {@link
   * #organizationToList}); an organization they may not read answers an empty page.
   */
  public static <T> Mono<Page<T>> listInOrganization(
      Caller caller, Optional<String> requested, Function<String, Mono<Page<T>>> list) {
    return organizationToList(caller, requested).map(list).orElseGet(() -> Mono.just(Page.empty()));
  }

  /**
   * The resource {@code found} if the caller may see it; otherwise, or when nothing was found, the
   * 404 of an unknown id.
   */
  public static <T> Mono<T> visibleOrNotFound(
      Mono<T> found, Predicate<T> mayRead, String kind, String id) {
    return found.filter(mayRead).switchIfEmpty(Mono.error(() -> notFound(kind, id)));
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
      throw ReadProblems.forbidden("this needs the org_admin or system_admin role");
    }
  }

  /** Refuses everyone but system admins. */
  public static void requireSystemAdmin(Caller caller) {
    if (caller.role() != Role.SYSTEM_ADMIN) {
      throw ReadProblems.forbidden("this needs the system_admin role");
    }
  }

  /** The 404 for an id the caller may not see or that does not exist: the two look the same. */
  public static ErrorResponseException notFound(String kind, String id) {
    return ReadProblems.notFound(kind + " " + id + " not found");
  }
}
