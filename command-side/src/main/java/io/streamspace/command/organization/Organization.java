package io.streamspace.command.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.streamspace.command.common.AggregateCacheConfiguration;
import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.Invalid;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.command.common.SnapshotConfiguration;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.AddMember;
import io.streamspace.events.organization.ChangeMember;
import io.streamspace.events.organization.ChangeMemberProfile;
import io.streamspace.events.organization.ChangeOrganizationQuota;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.MemberAdded;
import io.streamspace.events.organization.MemberDisabled;
import io.streamspace.events.organization.MemberEnabled;
import io.streamspace.events.organization.MemberProfileChanged;
import io.streamspace.events.organization.MemberRoleChanged;
import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.OrganizationQuotaChanged;
import io.streamspace.events.organization.Quota;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An organization: its members and the limits of the quota its sessions share. What sessions hold
 * of the quota is not kept here but in {@link OrganizationQuotas}, in the transactions that create
 * and end them (ADR 0016); the limits decided here are copied there in the same unit of work.
 *
 * <p>Until ADR 0016 every session added two events here, so old histories are long and snapshotted;
 * the snapshot is this object written by Jackson field by field (hence {@link JsonAutoDetect}).
 * Those histories' {@code SessionQuotaReserved} and {@code SessionQuotaReleased} events, and the
 * {@code reservations} and {@code used} of their snapshots, are read and ignored.
 */
@Aggregate(
    snapshotTriggerDefinition = SnapshotConfiguration.ORGANIZATION_SNAPSHOT_TRIGGER,
    commandTargetResolver = PublishedLanguageTargetResolver.BEAN_NAME,
    cache = AggregateCacheConfiguration.ORGANIZATION_CACHE)
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    setterVisibility = Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Organization {

  /** What the organization knows of a member: enough to enforce roles and disabling. */
  record Member(Role role, boolean disabled) {}

  @AggregateIdentifier private String organizationId;
  private String name;
  private Quota quota;
  private Map<String, Member> members = new HashMap<>();

  protected Organization() {
    // for Axon (event sourcing) and Jackson (snapshots)
  }

  /** A new organization; {@link OrganizationCreation} claims its name first. */
  Organization(CreateOrganization command) {
    if (command.name() == null || command.name().isBlank()) {
      throw new Invalid("an organization needs a name");
    }
    if (command.quota() == null) {
      throw new Invalid("an organization needs a quota");
    }
    apply(
        new OrganizationCreated(
            command.organizationId(), command.name(), command.displayName(), command.quota()));
  }

  /** Records a new quota; {@link OrganizationQuotaChange} enforces its limits from now on. */
  void changeQuota(ChangeOrganizationQuota command) {
    if (command.quota() == null) {
      throw new Invalid("a quota is required");
    }
    if (!command.quota().equals(quota)) {
      apply(new OrganizationQuotaChanged(organizationId, command.quota()));
    }
  }

  @CommandHandler
  void handle(AddMember command) {
    if (members.containsKey(command.userId())) {
      throw new Conflict(
          "user " + command.userId() + " is already a member of organization " + name);
    }
    apply(
        new MemberAdded(
            organizationId,
            command.userId(),
            command.username(),
            command.email(),
            command.displayName(),
            command.role()));
  }

  @CommandHandler
  void handle(ChangeMember command) {
    Member member = members.get(command.userId());
    if (member == null) {
      throw NotFound.of("user", command.userId());
    }
    if (command.role() != null && command.role() != member.role()) {
      apply(new MemberRoleChanged(organizationId, command.userId(), command.role()));
    }
    if (command.disabled() != null && command.disabled() != member.disabled()) {
      apply(
          command.disabled()
              ? new MemberDisabled(organizationId, command.userId())
              : new MemberEnabled(organizationId, command.userId()));
    }
  }

  @CommandHandler
  void handle(ChangeMemberProfile command) {
    if (!members.containsKey(command.userId())) {
      throw NotFound.of("user", command.userId());
    }
    // The profile is not part of any invariant, so the aggregate keeps none of it: the sender
    // only asks for a change it has seen (the account table holds the current profile).
    apply(
        new MemberProfileChanged(
            organizationId, command.userId(), command.email(), command.displayName()));
  }

  @EventSourcingHandler
  void on(OrganizationCreated event) {
    organizationId = event.organizationId();
    name = event.name();
    quota = event.quota();
  }

  @EventSourcingHandler
  void on(OrganizationQuotaChanged event) {
    quota = event.quota();
  }

  @EventSourcingHandler
  void on(MemberAdded event) {
    members.put(event.userId(), new Member(event.role(), false));
  }

  @EventSourcingHandler
  void on(MemberRoleChanged event) {
    members.computeIfPresent(event.userId(), (id, m) -> new Member(event.role(), m.disabled()));
  }

  @EventSourcingHandler
  void on(MemberDisabled event) {
    members.computeIfPresent(event.userId(), (id, m) -> new Member(m.role(), true));
  }

  @EventSourcingHandler
  void on(MemberEnabled event) {
    members.computeIfPresent(event.userId(), (id, m) -> new Member(m.role(), false));
  }
}
