package io.streamspace.command.user;

import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.Invalid;
import io.streamspace.command.common.NotFound;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.AddMember;
import io.streamspace.events.organization.ChangeMember;
import io.streamspace.events.organization.ChangeMemberProfile;
import io.streamspace.events.user.ProvisionExternalUser;
import io.streamspace.events.user.SyncExternalUser;
import io.streamspace.events.user.UserProvisioned;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Accounts of people who sign in through an external identity provider. Provisioning writes the
 * account row (without a password), the {@code (provider, subject) → user} mapping, the
 * organization's membership and {@link UserProvisioned} in one unit of work, or nothing.
 *
 * <p>There is no requester check here as in {@link UserAccountHandler}: the server sends these
 * commands only after it has validated the provider's signed token, which is the authority.
 */
@Component
public class ExternalUserHandler {

  private final JdbcTemplate jdbc;
  private final CommandGateway commandGateway;
  private final EventBus eventBus;

  public ExternalUserHandler(JdbcTemplate jdbc, CommandGateway commandGateway, EventBus eventBus) {
    this.jdbc = jdbc;
    this.commandGateway = commandGateway;
    this.eventBus = eventBus;
  }

  @CommandHandler
  public UserAccount handle(ProvisionExternalUser command, MetaData metaData) {
    requireText(command.providerId(), "a provider id");
    requireText(command.subject(), "a subject");
    requireText(command.organizationId(), "an organization");
    if (command.role() == null) {
      throw new Invalid("a role is required");
    }
    Optional<UserAccount> known = findLinked(command.providerId(), command.subject());
    if (known.isPresent()) {
      return known.get(); // provisioned by an earlier, concurrent first request
    }
    String username = usernameFor(command);
    try {
      jdbc.update(
          "insert into user_account"
              + " (user_id, organization_id, username, password_hash, role, email, display_name)"
              + " values (?, ?, ?, null, ?, ?, ?)",
          command.userId(),
          command.organizationId(),
          username,
          command.role().wireName(),
          command.email(),
          command.displayName());
      jdbc.update(
          "insert into external_identity (provider_id, subject, user_id) values (?, ?, ?)",
          command.providerId(),
          command.subject(),
          command.userId());
    } catch (DuplicateKeyException e) {
      // Another request provisioned the same person (or took the name) a moment earlier: this
      // unit of work rolls back and the sender reads the mapping again.
      throw new Conflict("the account of " + command.subject() + " is being provisioned");
    }
    try {
      commandGateway.sendAndWait(
          new AddMember(
              command.organizationId(),
              command.userId(),
              username,
              command.email(),
              command.displayName(),
              command.role()),
          metaData);
    } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
      throw NotFound.of("organization", command.organizationId());
    }
    eventBus.publish(
        GenericEventMessage.asEventMessage(
                new UserProvisioned(
                    command.userId(),
                    command.organizationId(),
                    command.providerId(),
                    command.subject(),
                    username,
                    command.email(),
                    command.displayName(),
                    command.role()))
            .andMetaData(metaData));
    return new UserAccount(
        command.userId(),
        command.organizationId(),
        username,
        command.email(),
        command.displayName(),
        command.role(),
        false);
  }

  @CommandHandler
  public UserAccount handle(SyncExternalUser command, MetaData metaData) {
    UserAccount account =
        findLinked(command.providerId(), command.subject())
            .filter(a -> a.id().equals(command.userId()))
            .orElseThrow(() -> NotFound.of("user", command.userId()));
    Role role = command.role() != null ? command.role() : account.role();
    boolean profileChanged =
        !Objects.equals(account.email(), command.email())
            || !Objects.equals(account.displayName(), command.displayName());
    if (role != account.role()) {
      jdbc.update(
          "update user_account set role = ? where user_id = ?", role.wireName(), account.id());
      commandGateway.sendAndWait(
          new ChangeMember(account.organizationId(), account.id(), role, null), metaData);
    }
    if (profileChanged) {
      jdbc.update(
          "update user_account set email = ?, display_name = ? where user_id = ?",
          command.email(),
          command.displayName(),
          account.id());
      commandGateway.sendAndWait(
          new ChangeMemberProfile(
              account.organizationId(), account.id(), command.email(), command.displayName()),
          metaData);
    }
    return new UserAccount(
        account.id(),
        account.organizationId(),
        account.username(),
        command.email(),
        command.displayName(),
        role,
        account.disabled());
  }

  private String usernameFor(ProvisionExternalUser command) {
    String wanted = command.username();
    if (wanted != null && !wanted.isBlank() && !isTaken(wanted)) {
      return wanted;
    }
    // Provider and subject together are unique, so this name is free unless someone chose it.
    return command.providerId() + ":" + command.subject();
  }

  private Optional<UserAccount> findLinked(String providerId, String subject) {
    List<UserAccount> found =
        jdbc.query(
            "select a.user_id, a.organization_id, a.username, a.email, a.display_name, a.role,"
                + " a.disabled"
                + " from external_identity x join user_account a on a.user_id = x.user_id"
                + " where x.provider_id = ? and x.subject = ?",
            (rs, row) ->
                new UserAccount(
                    rs.getString("user_id"),
                    rs.getString("organization_id"),
                    rs.getString("username"),
                    rs.getString("email"),
                    rs.getString("display_name"),
                    Role.fromWireName(rs.getString("role")),
                    rs.getBoolean("disabled")),
            providerId,
            subject);
    return found.stream().findFirst();
  }

  private boolean isTaken(String username) {
    Integer count =
        jdbc.queryForObject(
            "select count(*) from user_account where username = ?", Integer.class, username);
    return count != null && count > 0;
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new Invalid(what + " is required");
    }
  }
}
