package io.streamspace.query.user;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Role;
import io.streamspace.query.access.ReadAccess;
import io.streamspace.query.paging.Filters;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Reads the members of organizations: org admins list their own organization, system admins any; a
 * plain user may read only themselves.
 *
 * <p>An org admin naming another organization in {@code organization_id} gets an empty list, as for
 * an organization without members; another organization's member answers 404 like an unknown id.
 * Listing at all needs an admin role (403 for plain users: that refusal is about the caller's role,
 * not about another tenant).
 */
@RestController
@RequestMapping("/api/v1/users")
public class UserController {

  private final UserQueries users;

  public UserController(UserQueries users) {
    this.users = users;
  }

  @GetMapping
  public Mono<Page<UserView>> list(
      Caller caller,
      @RequestParam(name = "organization_id", required = false) String organizationId,
      @RequestParam(name = "role", required = false) String role,
      @RequestParam(name = "page_size", required = false) String pageSize,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    ReadAccess.requireAdmin(caller);
    PageRequest page = PageRequest.parse(pageSize, pageToken, UserQueries.LIST, 2);
    Optional<Role> wantedRole = Filters.role(role);
    return ReadAccess.listInOrganization(
        caller,
        Filters.text(organizationId),
        organization -> users.list(new UserQueries.Filter(organization, wantedRole), page));
  }

  @GetMapping("/{id}")
  public Mono<UserView> get(Caller caller, @PathVariable String id) {
    return ReadAccess.visibleOrNotFound(
        users.find(id),
        user -> ReadAccess.mayReadOwned(caller, user.organizationId(), user.id()),
        "user",
        id);
  }
}
