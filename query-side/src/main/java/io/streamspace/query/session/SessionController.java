package io.streamspace.query.session;

import io.streamspace.events.common.Caller;
import io.streamspace.query.access.ReadAccess;
import io.streamspace.query.paging.Filters;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Reads sessions: a plain user sees their own, admins their organization's, system admins any
 * organization's. The writes live on the command side.
 */
@RestController
@RequestMapping("/api/v1/sessions")
public class SessionController {

  private final SessionQueries sessions;
  private final SessionHistory history;

  public SessionController(SessionQueries sessions, SessionHistory history) {
    this.sessions = sessions;
    this.history = history;
  }

  @GetMapping
  public Mono<Page<SessionView>> list(
      Caller caller,
      @RequestParam(name = "status", required = false) String status,
      @RequestParam(name = "user_id", required = false) String userId,
      @RequestParam(name = "organization_id", required = false) String organizationId,
      @RequestParam(name = "page_size", required = false) String pageSize,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    PageRequest page = PageRequest.parse(pageSize, pageToken, SessionQueries.LIST, 2);
    String organization = ReadAccess.organizationToList(caller, Filters.text(organizationId));
    Optional<String> user = Filters.text(userId);
    if (!caller.role().administersOrganization()) {
      if (user.isPresent() && !user.get().equals(caller.userId())) {
        return Mono.just(new Page<>(List.of(), null));
      }
      user = Optional.of(caller.userId());
    }
    SessionQueries.Filter filter =
        new SessionQueries.Filter(organization, user, Filters.sessionStatus(status));
    return sessions.list(filter, page);
  }

  @GetMapping("/{id}")
  public Mono<SessionView> get(Caller caller, @PathVariable String id) {
    return sessions
        .find(id)
        .filter(
            session -> ReadAccess.mayReadOwned(caller, session.organizationId(), session.userId()))
        .switchIfEmpty(Mono.error(() -> ReadAccess.notFound("session", id)));
  }

  /** The session's whole history from the event store, oldest first. */
  @GetMapping("/{id}/events")
  public Mono<Page<SessionEventEntry>> events(Caller caller, @PathVariable String id) {
    // A session's history is short: it answers as one page in the API's list shape.
    return history.read(caller, id).map(events -> new Page<>(events, null));
  }
}
