package io.streamspace.query.template;

import io.streamspace.events.common.Caller;
import io.streamspace.query.access.ReadAccess;
import io.streamspace.query.paging.Filters;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Reads the caller's organization's catalog; creating and editing live on the command side. */
@RestController
@RequestMapping("/api/v1/templates")
public class TemplateController {

  private final TemplateQueries templates;

  public TemplateController(TemplateQueries templates) {
    this.templates = templates;
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
    TemplateQueries.Filter filter =
        new TemplateQueries.Filter(
            ReadAccess.organizationToList(caller, Filters.text(organizationId)),
            Filters.text(category),
            Filters.text(search),
            Filters.text(tag));
    return templates.list(filter, page);
  }

  @GetMapping("/{id}")
  public Mono<TemplateView> get(Caller caller, @PathVariable String id) {
    return templates
        .find(id)
        .filter(template -> ReadAccess.mayReadOrganization(caller, template.organizationId()))
        .switchIfEmpty(Mono.error(() -> ReadAccess.notFound("template", id)));
  }
}
