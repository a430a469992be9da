package io.streamspace.query.session;

import io.streamspace.events.common.Caller;
import io.streamspace.events.session.SessionStatus;
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
 * Reads sessions: a plain user sees their own, admins their organization's, system admins any
 * organization's. The writes live on the command side.
 *
 * <p>Filters narrow what the caller may see and never widen it: naming another organization in
 * {@code organization_id} (anyone but a system admin) or, as a plain user, another user in {@code
 * user_id} answers an empty list, just as an organization or user without sessions does, so a
 * filter reveals nothing about other tenants. One session of another organization or another user
 * answers 404 like an unknown id.
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
    Optional<SessionStatus> wanted = Filters.sessionStatus(status);
    Optional<String> user = Filters.text(userId);
    if (!caller.role().administersOrganization()) {
      if (user.isPresent() && !user.get().equals(caller.userId())) {
        return Mono.just(Page.empty());
      }
      user = Optional.of(caller.userId());
    }
    Optional<String> owner = user;
    return ReadAccess.listInOrganization(
        caller,
        Filters.text(organizationId),
        organization ->
            sessions.list(new SessionQueries.Filter(organization, owner, wanted), page));
  }

  /**
   * One session. Right after it was made (or during a replay) {@code session_view} may not hold it
   * yet; then its own event stream answers, with the same fields and the same access rules, so a
   * client that follows the {@code Location} of a new session never sees a 404.
   */
  @GetMapping("/{id}")
  public Mono<SessionView> get(Caller caller, @PathVariable String id) {
    return ReadAccess.visibleOrNotFound(
        sessions.find(id).switchIfEmpty(Mono.defer(() -> history.current(id))),
        session -> ReadAccess.mayReadOwned(caller, session.organizationId(), session.userId()),
        "session",
        id);
  }

  /** The session's whole history from the event store, oldest first. */
  @GetMapping("/{id}/events")
  public Mono<Page<SessionEventEntry>> events(Caller caller, @PathVariable String id) {
    // A session's history is short: it answers as one page in the API's list shape.
    return history.read(caller, id).map(Page::of);
  }
}
