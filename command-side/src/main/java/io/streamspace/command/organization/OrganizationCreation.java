package io.streamspace.command.organization;

import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.Invalid;
import io.streamspace.events.organization.CreateOrganization;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Creates organizations under a unique name: the name is claimed, the organization recorded and its
 * quota opened in one unit of work, so a taken name stores nothing.
 */
@Component
public class OrganizationCreation {

  private final Repository<Organization> organizations;
  private final OrganizationNames names;
  private final OrganizationQuotas quotas;

  public OrganizationCreation(
      Repository<Organization> organizations, OrganizationNames names, OrganizationQuotas quotas) {
    this.organizations = organizations;
    this.names = names;
    this.quotas = quotas;
  }

  /** Answers the new organization's id. */
  @CommandHandler
  public String handle(CreateOrganization command) throws Exception {
    if (command.name() == null || command.name().isBlank()) {
      throw new Invalid("an organization needs a name");
    }
    if (!names.claim(command.name(), command.organizationId())) {
      throw new Conflict("organization name " + command.name() + " is taken");
    }
    organizations.newInstance(() -> new Organization(command));
    quotas.open(command.organizationId(), command.quota());
    return command.organizationId();
  }
}
