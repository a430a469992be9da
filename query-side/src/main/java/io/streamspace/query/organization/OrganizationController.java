package io.streamspace.query.organization;

import io.streamspace.events.common.Caller;
import io.streamspace.query.access.ReadAccess;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Reads organizations with quota and usage: system admins list them all; everyone else reads only
 * their own.
 */
@RestController
@RequestMapping("/api/v1/organizations")
public class OrganizationController {

  private final OrganizationQueries organizations;

  public OrganizationController(OrganizationQueries organizations) {
    this.organizations = organizations;
  }

  @GetMapping
  public Mono<Page<OrganizationView>> list(
      Caller caller,
      @RequestParam(name = "page_size", required = false) String pageSize,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    ReadAccess.requireSystemAdmin(caller);
    return organizations.list(PageRequest.parse(pageSize, pageToken, OrganizationQueries.LIST, 2));
  }

  @GetMapping("/{id}")
  public Mono<OrganizationView> get(Caller caller, @PathVariable String id) {
    return ReadAccess.visibleOrNotFound(
        organizations.find(id),
        organization -> ReadAccess.mayReadOrganization(caller, organization.id()),
        "organization",
        id);
  }
}
