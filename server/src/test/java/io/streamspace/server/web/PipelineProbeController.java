package io.streamspace.server.web;

import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.Forbidden;
import io.streamspace.command.common.Invalid;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.QuotaExceeded;
import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.Quota;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * A test-only endpoint shaped like a feature controller (a validated body, a {@link Caller}, a 201
 * with Location), so the pipeline's rules are checked without any feature's domain. It remembers
 * what it created, so tests can prove that rejected or replayed requests created nothing.
 */
@RestController
@RequestMapping("/api/v1/test-probe")
public class PipelineProbeController {

  /** What each successful create stored, by id. */
  public final Map<String, Thing> created = new ConcurrentHashMap<>();

  public record ThingRequest(
      @NotBlank String displayName,
      @NotNull @Min(1) Integer count,
      Resources resources,
      Role role,
      Boolean visible) {}

  public record Thing(
      String id,
      String displayName,
      int count,
      String actorId,
      String organizationId,
      String requestId,
      String clientIp,
      String userAgent,
      Instant createdAt) {}

  @PostMapping("/things")
  public Mono<ResponseEntity<Thing>> create(
      @Valid @RequestBody Mono<ThingRequest> request,
      Caller caller,
      @RequestParam(name = "delay_ms", defaultValue = "0") long delayMs) {
    return request
        .delayElement(Duration.ofMillis(delayMs))
        .map(
            body -> {
              Thing thing =
                  new Thing(
                      UUID.randomUUID().toString(),
                      body.displayName(),
                      body.count(),
                      caller.userId(),
                      caller.organizationId(),
                      caller.requestId(),
                      caller.clientIp(),
                      caller.userAgent(),
                      Instant.parse("2026-01-02T03:04:05Z"));
              created.put(thing.id(), thing);
              return ResponseEntity.created(URI.create("/api/v1/test-probe/things/" + thing.id()))
                  .body(thing);
            });
  }

  /** Every request is counted before it fails, so tests can see a retry ran again. */
  public final Map<String, Integer> failures = new ConcurrentHashMap<>();

  @PostMapping("/failures/{kind}")
  public Mono<Void> fail(@PathVariable String kind) {
    failures.merge(kind, 1, Integer::sum);
    return Mono.error(
        switch (kind) {
          case "aggregate-not-found" -> new AggregateNotFoundException("agg-1", "not there");
          case "not-found" -> NotFound.of("session", "s-1");
          case "conflict" -> new Conflict("session s-1 is stopped and cannot hibernate");
          case "quota" ->
              new QuotaExceeded(
                  "org-1",
                  new Quota(1, 1000, 1024),
                  1,
                  new Resources(500, 512),
                  new Resources(500, 512));
          case "domain-forbidden" -> new Forbidden("only an admin may do this");
          case "invalid" -> new Invalid("a template needs an image or a command");
          case "concurrency" -> new ConcurrencyException("sequence 3 taken");
          case "forbidden" ->
              new ResponseStatusException(org.springframework.http.HttpStatus.FORBIDDEN);
          case "unavailable" ->
              new ResponseStatusException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE);
          default -> new IllegalStateException("jdbc:postgresql://db secret=hunter2 exploded");
        });
  }

  @GetMapping("/things")
  public Mono<Map<String, Object>> list(
      @RequestParam(name = "page_size") @Min(1) @Max(100) int pageSize) {
    return Mono.just(Map.of("items", List.of(), "page_size", pageSize));
  }
}
