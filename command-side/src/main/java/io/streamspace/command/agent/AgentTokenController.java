package io.streamspace.command.agent;

import io.streamspace.command.common.CommandSender;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.ResourceIds;
import io.streamspace.command.common.Roles;
import io.streamspace.events.agent.IssueAgentToken;
import io.streamspace.events.agent.RevokeAgentToken;
import io.streamspace.events.common.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The agent tokens a system admin hands out to agents: issue (the secret is answered this once),
 * list and read (never the secret) and revoke. Everyone else gets 403.
 */
@RestController
@RequestMapping("/api/v1/agents/tokens")
public class AgentTokenController {

  private final CommandSender commands;
  private final AgentTokenList list;

  public AgentTokenController(CommandSender commands, AgentTokenList list) {
    this.commands = commands;
    this.list = list;
  }

  @PostMapping
  public Mono<ResponseEntity<AgentTokenShownOnce>> issue(
      @Valid @RequestBody AgentTokenRequest body, Caller caller) {
    Roles.requireSystemAdmin(caller);
    String tokenId = ResourceIds.next();
    return commands
        .<AgentTokenShownOnce>send(
            new IssueAgentToken(tokenId, caller.requester(), body.name()), caller)
        .map(
            issued ->
                ResponseEntity.created(URI.create("/api/v1/agents/tokens/" + tokenId))
                    // a secret: no cache along the way may keep it
                    .cacheControl(CacheControl.noStore())
                    .body(issued));
  }

  @GetMapping
  public Mono<AgentTokenPage> list(
      Caller caller,
      @RequestParam(name = "page_size", required = false) String pageSize,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    Roles.requireSystemAdmin(caller);
    return Mono.fromCallable(() -> list.page(pageSize, pageToken))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** One token as the list shows it: where {@code POST}'s {@code Location} points. */
  @GetMapping("/{id}")
  public Mono<AgentTokenView> get(@PathVariable String id, Caller caller) {
    Roles.requireSystemAdmin(caller);
    return Mono.fromCallable(() -> list.find(id))
        .subscribeOn(Schedulers.boundedElastic())
        .map(found -> found.orElseThrow(() -> NotFound.of("agent token", id)));
  }

  @DeleteMapping("/{id}")
  public Mono<ResponseEntity<Void>> revoke(@PathVariable String id, Caller caller) {
    Roles.requireSystemAdmin(caller);
    return commands
        .send(new RevokeAgentToken(id, caller.requester()), caller)
        .then(Mono.fromSupplier(() -> ResponseEntity.noContent().<Void>build()));
  }
}
