package io.streamspace.command.session;

import io.streamspace.command.common.CommandSender;
import io.streamspace.command.common.ResourceIds;
import io.streamspace.events.common.Caller;
import io.streamspace.events.session.CreateSession;
import io.streamspace.events.session.HibernateSession;
import io.streamspace.events.session.ResumeSession;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.events.session.StopSession;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The session requests that change something: create, stop, hibernate, resume. */
@RestController
@RequestMapping("/api/v1/sessions")
public class SessionCommandController {

  private final CommandSender commands;

  public SessionCommandController(CommandSender commands) {
    this.commands = commands;
  }

  @PostMapping
  public Mono<ResponseEntity<CreatedSession>> create(
      @Valid @RequestBody CreateSessionRequest body, Caller caller) {
    String sessionId = ResourceIds.next();
    CreateSession command =
        new CreateSession(
            sessionId,
            caller.requester(),
            body.templateId(),
            body.resources() == null ? null : body.resources().toResources());
    return commands
        .<CreatedSession>send(command, caller)
        .map(
            created ->
                ResponseEntity.created(URI.create("/api/v1/sessions/" + sessionId)).body(created));
  }

  @DeleteMapping("/{id}")
  public Mono<ResponseEntity<SessionStatusResponse>> stop(@PathVariable String id, Caller caller) {
    return accepted(new StopSession(id, caller.requester(), "stopped on request"), id, caller);
  }

  @PostMapping("/{id}/hibernate")
  public Mono<ResponseEntity<SessionStatusResponse>> hibernate(
      @PathVariable String id, Caller caller) {
    return accepted(
        new HibernateSession(id, caller.requester(), "hibernated on request"),
        SessionStatus.HIBERNATED,
        id,
        caller);
  }

  @PostMapping("/{id}/resume")
  public Mono<ResponseEntity<SessionStatusResponse>> resume(
      @PathVariable String id, Caller caller) {
    return accepted(
        new ResumeSession(id, caller.requester(), "resumed on request"),
        SessionStatus.RUNNING,
        id,
        caller);
  }

  private Mono<ResponseEntity<SessionStatusResponse>> accepted(
      StopSession command, String id, Caller caller) {
    return commands
        .<SessionStatus>send(command, caller)
        .map(status -> ResponseEntity.accepted().body(new SessionStatusResponse(id, status)));
  }

  private Mono<ResponseEntity<SessionStatusResponse>> accepted(
      Object command, SessionStatus next, String id, Caller caller) {
    return commands
        .send(command, caller)
        .then(
            Mono.fromSupplier(
                () ->
                    ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(new SessionStatusResponse(id, next))));
  }
}
