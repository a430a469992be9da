package io.streamspace.command.apikey;

import io.streamspace.command.common.CommandSender;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.ResourceIds;
import io.streamspace.events.apikey.IssueApiKey;
import io.streamspace.events.apikey.RevokeApiKey;
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
 * API keys: issue (the secret is answered this once), list and read (never the secret) and revoke.
 * Everyone manages their own keys; admins those of their organization's members (see {@link
 * ApiKeyHandler} for the rules).
 */
@RestController
@RequestMapping("/api/v1/api-keys")
public class ApiKeyController {

  private final CommandSender commands;
  private final ApiKeyList list;

  public ApiKeyController(CommandSender commands, ApiKeyList list) {
    this.commands = commands;
    this.list = list;
  }

  @PostMapping
  public Mono<ResponseEntity<ApiKeyShownOnce>> issue(
      @Valid @RequestBody ApiKeyRequest body, Caller caller) {
    String keyId = ResourceIds.next();
    return commands
        .<ApiKeyShownOnce>send(
            new IssueApiKey(
                keyId,
                caller.requester(),
                body.userId(),
                body.name(),
                body.scope(),
                body.expiresAt()),
            caller)
        .map(
            issued ->
                ResponseEntity.created(URI.create("/api/v1/api-keys/" + keyId))
                    // a secret: no cache along the way may keep it
                    .cacheControl(CacheControl.noStore())
                    .body(issued));
  }

  @GetMapping
  public Mono<ApiKeyPage> list(
      Caller caller,
      @RequestParam(name = "user_id", required = false) String userId,
      @RequestParam(name = "page_size", required = false) String pageSize,
      @RequestParam(name = "page_token", required = false) String pageToken) {
    return Mono.fromCallable(() -> list.page(caller.requester(), userId, pageSize, pageToken))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /** One key as the list shows it: where {@code POST}'s {@code Location} points. */
  @GetMapping("/{id}")
  public Mono<ApiKeyView> get(@PathVariable String id, Caller caller) {
    return Mono.fromCallable(() -> list.find(caller.requester(), id))
        .subscribeOn(Schedulers.boundedElastic())
        .map(found -> found.orElseThrow(() -> NotFound.of("API key", id)));
  }

  @DeleteMapping("/{id}")
  public Mono<ResponseEntity<Void>> revoke(@PathVariable String id, Caller caller) {
    return commands
        .send(new RevokeApiKey(id, caller.requester()), caller)
        .then(Mono.fromSupplier(() -> ResponseEntity.noContent().<Void>build()));
  }
}
