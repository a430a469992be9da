package io.streamspace.command.template;

import io.streamspace.command.common.CommandSender;
import io.streamspace.command.common.ResourceIds;
import io.streamspace.command.common.Roles;
import io.streamspace.events.common.Caller;
import io.streamspace.events.template.CreateTemplate;
import io.streamspace.events.template.DeleteTemplate;
import io.streamspace.events.template.TemplateDefinition;
import io.streamspace.events.template.UpdateTemplate;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The catalog requests that change something: add, replace and delete templates. */
@RestController
@RequestMapping("/api/v1/templates")
public class TemplateCommandController {

  private final CommandSender commands;

  public TemplateCommandController(CommandSender commands) {
    this.commands = commands;
  }

  @PostMapping
  public Mono<ResponseEntity<TemplateResponse>> create(
      @Valid @RequestBody TemplateRequest body, Caller caller) {
    Roles.requireOrganizationAdmin(caller);
    String templateId = ResourceIds.next();
    TemplateDefinition definition = body.toDefinition();
    return commands
        .send(new CreateTemplate(templateId, caller.requester(), definition), caller)
        .then(
            Mono.fromSupplier(
                () ->
                    ResponseEntity.created(URI.create("/api/v1/templates/" + templateId))
                        .body(
                            TemplateResponse.of(templateId, caller.organizationId(), definition))));
  }

  @PutMapping("/{id}")
  public Mono<TemplateResponse> update(
      @PathVariable String id, @Valid @RequestBody TemplateRequest body, Caller caller) {
    TemplateDefinition definition = body.toDefinition();
    return commands
        .<String>send(new UpdateTemplate(id, caller.requester(), definition), caller)
        .map(organizationId -> TemplateResponse.of(id, organizationId, definition));
  }

  @DeleteMapping("/{id}")
  public Mono<ResponseEntity<Void>> delete(@PathVariable String id, Caller caller) {
    return commands
        .send(new DeleteTemplate(id, caller.requester()), caller)
        .then(Mono.fromSupplier(() -> ResponseEntity.noContent().<Void>build()));
  }
}
