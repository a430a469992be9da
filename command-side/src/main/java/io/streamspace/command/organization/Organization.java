package io.streamspace.command.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.streamspace.command.common.AggregateCacheConfiguration;
import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.Invalid;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.command.common.QuotaExceeded;
import io.streamspace.command.common.SnapshotConfiguration;
import io.streamspace.events.common.Resources;
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
import io.streamspace.events.organization.ReleaseSessionQuota;
import io.streamspace.events.organization.ReserveSessionQuota;
import io.streamspace.events.organization.SessionQuotaReleased;
import io.streamspace.events.organization.SessionQuotaReserved;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An organization: its members and the quota its sessions share. It is the consistency boundary of
 * the quota, so two sessions racing for the last slot serialise on this aggregate.
 *
 * <p>Every session adds two events here, so the history is snapshotted; the snapshot is this object
 * written by Jackson field by field (hence {@link JsonAutoDetect}).
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
public class Organization {

  /** What the organization knows of a member: enough to enforce roles and disabling. */
  record Member(Role role, boolean disabled) {}

  @AggregateIdentifier private String organizationId;
  private String name;
  private Quota quota;
  private Map<String, Member> members = new HashMap<>();
  private Map<String, Resources> reservations = new HashMap<>();
  private Resources used = Resources.NONE;

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

  @CommandHandler
  void handle(ChangeOrganizationQuota command) {
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

  @CommandHandler
  void handle(ReserveSessionQuota command) {
    if (reservations.containsKey(command.sessionId())) {
      return; // a retried reservation for the same session takes nothing twice
    }
    if (!quota.admits(reservations.size(), used, command.resources())) {
      throw new QuotaExceeded(
          organizationId, quota, reservations.size(), used, command.resources());
    }
    apply(new SessionQuotaReserved(organizationId, command.sessionId(), command.resources()));
  }

  @CommandHandler
  void handle(ReleaseSessionQuota command) {
    Resources reserved = reservations.get(command.sessionId());
    if (reserved != null) {
      apply(new SessionQuotaReleased(organizationId, command.sessionId(), reserved));
    }
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

  @EventSourcingHandler
  void on(SessionQuotaReserved event) {
    reservations.put(event.sessionId(), event.resources());
    used = used.plus(event.resources());
  }

  @EventSourcingHandler
  void on(SessionQuotaReleased event) {
    Resources reserved = reservations.remove(event.sessionId());
    if (reserved != null) {
      used = used.minus(reserved);
    }
  }
}
