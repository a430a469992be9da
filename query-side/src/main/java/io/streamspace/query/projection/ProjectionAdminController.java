package io.streamspace.query.projection;

import io.streamspace.events.common.Caller;
import io.streamspace.query.access.ReadAccess;
import io.streamspace.query.paging.Page;
import java.util.List;
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

  /**
   * Starts rebuilding one read model together with the other read models of its processor; answers
   * 202, naming them, while the replay runs in the background.
   */
  @PostMapping("/{name}/replay")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public Mono<ReplayAccepted> replay(Caller caller, @PathVariable String name) {
    ReadAccess.requireSystemAdmin(caller);
    return admin.replay(name).map(rebuilt -> new ReplayAccepted(name, "replaying", rebuilt));
  }

  /**
   * The answer to a replay request: follow its progress at {@code GET /api/v1/admin/projections}.
   *
   * @param rebuilding every read model being rebuilt: all of those of the requested one's
   *     processor, which share its tokens
   */
  public record ReplayAccepted(String name, String state, List<String> rebuilding) {}
}
