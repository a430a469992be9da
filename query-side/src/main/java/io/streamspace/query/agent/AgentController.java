package io.streamspace.query.agent;

import io.streamspace.events.common.Caller;
import io.streamspace.query.access.ReadAccess;
import io.streamspace.query.paging.Filters;
import io.streamspace.query.paging.Page;
import io.streamspace.query.paging.PageRequest;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * The agents connected to the platform (and those that were): a system admin's view, since agents
 * serve every organization. Everyone else gets 403.
 */
@RestController
@RequestMapping("/api/v1/agents")
public class AgentController {

  private static final Set<String> STATES = Set.of("connected", "disconnected");

  private final AgentQueries agents;

  public AgentController(AgentQueries agents) {
    this.agents = agents;
  }

  @GetMapping
  public Mono<Page<AgentView>> list(
      Caller caller,
      @RequestParam(name = "state", required = false) String state,
      @RequestParam(name = "page_size", required = false) String pageSize,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    ReadAccess.requireSystemAdmin(caller);
    Optional<String> wanted = Filters.text(state);
    if (wanted.isPresent() && !STATES.contains(wanted.get())) {
      throw new ServerWebInputException(
          "state must be one of connected, disconnected, got '" + state + "'");
    }
    return agents.list(wanted, PageRequest.parse(pageSize, pageToken, AgentQueries.LIST, 1));
  }

  @GetMapping("/{id}")
  public Mono<AgentView> get(Caller caller, @PathVariable String id) {
    ReadAccess.requireSystemAdmin(caller);
    return ReadAccess.visibleOrNotFound(agents.find(id), agent -> true, "agent", id);
  }
}
