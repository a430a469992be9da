package io.streamspace.command.organization;

import io.streamspace.command.common.NotFound;
import io.streamspace.events.organization.ChangeOrganizationQuota;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Changes an organization's quota: the organization records the new limits and {@link
 * OrganizationQuotas} enforces them, in one unit of work, so the limits enforced are always the
 * ones the history shows.
 */
@Component
public class OrganizationQuotaChange {

  private final Repository<Organization> organizations;
  private final OrganizationQuotas quotas;

  public OrganizationQuotaChange(
      Repository<Organization> organizations, OrganizationQuotas quotas) {
    this.organizations = organizations;
    this.quotas = quotas;
  }

  @CommandHandler
  public void handle(ChangeOrganizationQuota command) {
    Aggregate<Organization> organization;
    try {
      organization = organizations.load(command.organizationId());
    } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
      // incompatible: the id is another kind of resource's, as unknown as any other
      throw NotFound.of("organization", command.organizationId());
    }
    organization.execute(o -> o.changeQuota(command));
    quotas.limit(command.organizationId(), command.quota());
  }
}
