package io.streamspace.query.projection;

import io.streamspace.events.common.Caller;
import io.streamspace.query.access.ReadAccess;
import io.streamspace.query.paging.Page;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Projection progress and replay, for system admins. */
@RestController
@RequestMapping("/api/v1/admin/projections")
public class ProjectionAdminController {

  private final ProjectionAdmin admin;

  public ProjectionAdminController(ProjectionAdmin admin) {
    this.admin = admin;
  }

  @GetMapping
  public Mono<Page<ProjectionStatus>> list(Caller caller) {
    ReadAccess.requireSystemAdmin(caller);
    return admin.statuses().collectList().map(statuses -> new Page<>(statuses, null));
  }

  /** Starts rebuilding one read model; answers 202 while the replay runs in the background. */
  @PostMapping("/{name}/replay")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Mono<ReplayAccepted> replay(Caller caller, @PathVariable String name) {
    ReadAccess.requireSystemAdmin(caller);
    return admin.replay(name).thenReturn(new ReplayAccepted(name, "replaying"));
  }

  /**
   * The answer to a replay request: follow its progress at {@code GET /api/v1/admin/projections}.
   */
  public record ReplayAccepted(String name, String state) {}
}
