package io.streamspace.bench.minimal;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/v1/sessions {"template_id": …}} → 201 and {@code DELETE /api/v1/sessions/{id}} →
 * 202, the paths and answers of StreamSpace's create and stop, so the benchmark's client drives
 * both servers the same way.
 */
@RestController
class SessionsEndpoint {

  private final CommandGateway commands;

  SessionsEndpoint(CommandGateway commands) {
    this.commands = commands;
  }

  record OpenRequest(String templateId) {}

  @PostMapping("/api/v1/sessions")
  Mono<ResponseEntity<Map<String, String>>> open(@RequestBody OpenRequest request) {
    if (request.templateId() == null || request.templateId().isBlank()) {
      return Mono.just(ResponseEntity.badRequest().body(Map.of("detail", "template_id")));
    }
    String id = UUID.randomUUID().toString();
    // The JDBC append blocks: never on the Netty event loop (STACK.md trap 10).
    return Mono.fromRunnable(() -> commands.sendAndWait(new OpenSession(id, request.templateId())))
        .subscribeOn(Schedulers.boundedElastic())
        .then(
            Mono.fromSupplier(
                () ->
                    ResponseEntity.created(URI.create("/api/v1/sessions/" + id))
                        .body(Map.of("id", id, "status", "pending"))));
  }

  @DeleteMapping("/api/v1/sessions/{id}")
  Mono<ResponseEntity<Void>> close(@PathVariable String id) {
    return Mono.fromRunnable(() -> commands.sendAndWait(new CloseSession(id)))
        .subscribeOn(Schedulers.boundedElastic())
        .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED).<Void>build()));
  }
}
