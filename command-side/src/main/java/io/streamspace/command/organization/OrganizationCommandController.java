package io.streamspace.command.organization;

import io.streamspace.command.common.CommandSender;
import io.streamspace.command.common.ResourceIds;
import io.streamspace.command.common.Roles;
import io.streamspace.events.common.Caller;
import io.streamspace.events.organization.ChangeOrganizationQuota;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.Quota;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The organization requests that change something; all of them are a system admin's (the
 * organization commands carry no requester, so the role is checked here).
 */
@RestController
@RequestMapping("/api/v1/organizations")
public class OrganizationCommandController {

  private final CommandSender commands;

  public OrganizationCommandController(CommandSender commands) {
    this.commands = commands;
  }

  @PostMapping
  public Mono<ResponseEntity<OrganizationResponse>> create(
      @Valid @RequestBody CreateOrganizationRequest body, Caller caller) {
    Roles.requireSystemAdmin(caller);
    String organizationId = ResourceIds.next();
    String displayName = body.displayName() == null ? body.name() : body.displayName();
    Quota quota = body.quota().toQuota();
    return commands
        .send(new CreateOrganization(organizationId, body.name(), displayName, quota), caller)
        .then(
            Mono.fromSupplier(
                () ->
                    ResponseEntity.created(URI.create("/api/v1/organizations/" + organizationId))
                        .body(
                            new OrganizationResponse(
                                organizationId, body.name(), displayName, quota))));
  }

  @PutMapping("/{id}/quota")
  public Mono<OrganizationQuotaResponse> changeQuota(
      @PathVariable String id, @Valid @RequestBody QuotaBody body, Caller caller) {
    Roles.requireSystemAdmin(caller);
    Quota quota = body.toQuota();
    return commands
        .send(new ChangeOrganizationQuota(id, quota), caller)
        .then(Mono.fromSupplier(() -> new OrganizationQuotaResponse(id, quota)));
  }
}
