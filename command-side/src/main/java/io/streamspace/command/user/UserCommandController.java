package io.streamspace.command.user;

import io.streamspace.command.common.CommandSender;
import io.streamspace.command.common.ResourceIds;
import io.streamspace.command.common.Roles;
import io.streamspace.events.common.Caller;
import io.streamspace.events.user.ChangeUser;
import io.streamspace.events.user.RegisterUser;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The requests that register people and change their role or access.
 *
 * <p>Both answer the whole account with the fields {@code GET /api/v1/users/{id}} shows, except the
 * read model's {@code created_at}/{@code updated_at}: those are the times of its events, known only
 * once the projection has seen them.
 *
 * <p>Passwords are hashed here, before the command exists, so no message or event ever holds one.
 * The encoder is the application's {@link PasswordEncoder} when it declares one (so the login
 * checks with the same scheme), else bcrypt.
 */
@RestController
@RequestMapping("/api/v1/users")
public class UserCommandController {

  private final CommandSender commands;
  private final PasswordEncoder passwordEncoder;

  public UserCommandController(
      CommandSender commands, ObjectProvider<PasswordEncoder> passwordEncoders) {
    this.commands = commands;
    this.passwordEncoder = passwordEncoders.getIfAvailable(BCryptPasswordEncoder::new);
  }

  @PostMapping
  public Mono<ResponseEntity<UserAccount>> register(
      @Valid @RequestBody RegisterUserRequest body, Caller caller) {
    Roles.requireOrganizationAdmin(caller);
    String userId = ResourceIds.next();
    String organizationId =
        body.organizationId() == null ? caller.organizationId() : body.organizationId();
    // bcrypt costs tens of milliseconds of CPU: never on the event loop
    return Mono.fromCallable(() -> passwordEncoder.encode(body.password()))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            hash ->
                commands.<UserAccount>send(
                    new RegisterUser(
                        userId,
                        caller.requester(),
                        organizationId,
                        body.username(),
                        hash,
                        body.email(),
                        body.displayName(),
                        body.role()),
                    caller))
        .map(
            account -> ResponseEntity.created(URI.create("/api/v1/users/" + userId)).body(account));
  }

  @PutMapping("/{id}")
  public Mono<UserAccount> change(
      @PathVariable String id, @Valid @RequestBody ChangeUserRequest body, Caller caller) {
    return commands.send(
        new ChangeUser(id, caller.requester(), body.role(), body.disabled()), caller);
  }
}
