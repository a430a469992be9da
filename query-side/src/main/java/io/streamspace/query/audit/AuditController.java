package io.streamspace.query.audit;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Role;
import io.streamspace.query.access.ReadAccess;
import io.streamspace.query.paging.Filters;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import java.time.Instant;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The audit log: org admins read their organization's events, system admins every organization's or
 * one they name.
 *
 * <p>An org admin naming another organization in {@code organization_id} gets an empty list, as for
 * an organization with no events: the filter reveals nothing about other tenants. Reading the log
 * at all needs an admin role (403 for plain users).
 */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

  private final AuditQueries audit;

  public AuditController(AuditQueries audit) {
    this.audit = audit;
  }

  @GetMapping
  public Mono<Page<AuditEntry>> list(
      Caller caller,
      @RequestParam(name = "organization_id", required = false) String organizationId,
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to,
      @RequestParam(name = "actor_id", required = false) String actorId,
      @RequestParam(name = "event_type", required = false) String eventType,
      @RequestParam(name = "resource_id", required = false) String resourceId,
      @RequestParam(name = "page_size", required = false) String pageSize,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    ReadAccess.requireAdmin(caller);
    PageRequest page = PageRequest.parse(pageSize, pageToken, AuditQueries.LIST, 1);
    Optional<Instant> fromTime = Filters.instant("from", from);
    Optional<Instant> toTime = Filters.instant("to", to);
    Filters.requireOrdered(fromTime, toTime);
    Optional<String> actor = Filters.text(actorId);
    Optional<String> type = Filters.eventType(eventType);
    Optional<String> resource = Filters.text(resourceId);
    Optional<String> organization = Filters.text(organizationId);
    if (caller.role() != Role.SYSTEM_ADMIN) {
      // A system admin naming none reads every organization's log; anyone else reads one.
      organization = ReadAccess.organizationToList(caller, organization);
      if (organization.isEmpty()) {
        return Mono.just(Page.empty());
      }
    }
    return audit.list(
        new AuditQueries.Filter(organization, fromTime, toTime, actor, type, resource), page);
  }
}
