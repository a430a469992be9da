package io.streamspace.query.template;

import io.streamspace.events.common.Caller;
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
 * Reads the caller's organization's catalog; creating and editing live on the command side.
 *
 * <p>Naming another organization in {@code organization_id} (anyone but a system admin) answers an
 * empty list, as an organization without templates does; another organization's template answers
 * 404 like an unknown id. Either way nothing about other tenants shows.
 */
@RestController
@RequestMapping("/api/v1/templates")
public class TemplateController {

  private final TemplateQueries templates;
  private final TemplateStream streams;

  public TemplateController(TemplateQueries templates, TemplateStream streams) {
    this.templates = templates;
    this.streams = streams;
  }

  @GetMapping
  public Mono<Page<TemplateView>> list(
      Caller caller,
      @RequestParam(name = "category", required = false) String category,
      @RequestParam(name = "q", required = false) String search,
      @RequestParam(name = "tag", required = false) String tag,
      @RequestParam(name = "organization_id", required = false) String organizationId,
      @RequestParam(name = "page_size", required = false) String pageSize,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    PageRequest page = PageRequest.parse(pageSize, pageToken, TemplateQueries.LIST, 2);
    Optional<String> wantedCategory = Filters.text(category);
    Optional<String> wantedSearch = Filters.text(search);
    Optional<String> wantedTag = Filters.text(tag);
    return ReadAccess.listInOrganization(
        caller,
        Filters.text(organizationId),
        organization ->
            templates.list(
                new TemplateQueries.Filter(organization, wantedCategory, wantedSearch, wantedTag),
                page));
  }

  /**
   * One template of the catalog; one that {@code template_view} does not hold yet (just made, or
   * during a replay) answers from its own event stream, under the same access rule.
   */
  @GetMapping("/{id}")
  public Mono<TemplateView> get(Caller caller, @PathVariable String id) {
    return ReadAccess.visibleOrNotFound(
        templates.find(id).switchIfEmpty(Mono.defer(() -> streams.current(id))),
        template -> ReadAccess.mayReadOrganization(caller, template.organizationId()),
        "template",
        id);
  }
}
