package io.streamspace.command.user;

import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.Forbidden;
import io.streamspace.command.common.Invalid;
import io.streamspace.command.common.NotFound;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.AddMember;
import io.streamspace.events.organization.ChangeMember;
import io.streamspace.events.user.ChangeUser;
import io.streamspace.events.user.RegisterUser;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Registers and changes accounts: the {@code user_account} row and the organization's membership
 * change together, in the unit of work's transaction, or not at all.
 *
 * <p>Who may do what: a plain user manages nobody; an organization admin manages their own
 * organization's people; only a system admin registers people elsewhere or hands out {@code
 * system_admin}.
 */
@Component
public class UserAccountHandler {

  private final JdbcTemplate jdbc;
  private final CommandGateway commandGateway;

  public UserAccountHandler(JdbcTemplate jdbc, CommandGateway commandGateway) {
    this.jdbc = jdbc;
    this.commandGateway = commandGateway;
  }

  @CommandHandler
  public UserAccount handle(RegisterUser command, MetaData metaData) {
    Requester requester = command.requester();
    requireUserManager(requester);
    if (!requester.mayAdminister(command.organizationId())) {
      throw new Forbidden("only a system admin may register people in another organization");
    }
    requireMayGrant(requester, command.role());
    if (command.role() == null) {
      throw new Invalid("a role is required");
    }
    if (isTaken(command.username())) {
      throw usernameTaken(command.username());
    }
    try {
      jdbc.update(
          "insert into user_account"
              + " (user_id, organization_id, username, password_hash, role, email, display_name)"
              + " values (?, ?, ?, ?, ?, ?, ?)",
          command.userId(),
          command.organizationId(),
          command.username(),
          command.passwordHash(),
          command.role().wireName(),
          command.email(),
          command.displayName());
    } catch (DuplicateKeyException e) {
      throw usernameTaken(command.username()); // lost a race with the same name
    }
    try {
      commandGateway.sendAndWait(
          new AddMember(
              command.organizationId(),
              command.userId(),
              command.username(),
              command.email(),
              command.displayName(),
              command.role()),
          metaData);
    } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
      // incompatible: the id is another kind of resource's (a session's), as unknown as any other;
      // the account row goes with the rolled-back unit of work
      throw NotFound.of("organization", command.organizationId());
    }
    return new UserAccount(
        command.userId(),
        command.organizationId(),
        command.username(),
        command.email(),
        command.displayName(),
        command.role(),
        false);
  }

  @CommandHandler
  public UserAccount handle(ChangeUser command, MetaData metaData) {
    Requester requester = command.requester();
    requireUserManager(requester);
    UserAccount account =
        find(command.userId())
            .filter(a -> requester.mayAdminister(a.organizationId()))
            .orElseThrow(() -> NotFound.of("user", command.userId()));
    if (account.role() == Role.SYSTEM_ADMIN && requester.role() != Role.SYSTEM_ADMIN) {
      throw new Forbidden("only a system admin may change a system admin");
    }
    requireMayGrant(requester, command.role());

    Role role = command.role() != null ? command.role() : account.role();
    boolean disabled = command.disabled() != null ? command.disabled() : account.disabled();
    jdbc.update(
        "update user_account set role = ?, disabled = ? where user_id = ?",
        role.wireName(),
        disabled,
        account.id());
    commandGateway.sendAndWait(
        new ChangeMember(
            account.organizationId(), account.id(), command.role(), command.disabled()),
        metaData);
    return new UserAccount(
        account.id(),
        account.organizationId(),
        account.username(),
        account.email(),
        account.displayName(),
        role,
        disabled);
  }

  private Optional<UserAccount> find(String userId) {
    List<UserAccount> found =
        jdbc.query(
            "select user_id, organization_id, username, email, display_name, role, disabled"
                + " from user_account where user_id = ?",
            (rs, row) ->
                new UserAccount(
                    rs.getString("user_id"),
                    rs.getString("organization_id"),
                    rs.getString("username"),
                    rs.getString("email"),
                    rs.getString("display_name"),
                    Role.fromWireName(rs.getString("role")),
                    rs.getBoolean("disabled")),
            userId);
    return found.stream().findFirst();
  }

  private boolean isTaken(String username) {
    Integer count =
        jdbc.queryForObject(
            "select count(*) from user_account where username = ?", Integer.class, username);
    return count != null && count > 0;
  }

  private static Conflict usernameTaken(String username) {
    return new Conflict("username " + username + " is taken");
  }

  private static void requireUserManager(Requester requester) {
    if (!requester.role().administersOrganization()) {
      throw new Forbidden("only an organization admin may manage users");
    }
  }

  private static void requireMayGrant(Requester requester, Role role) {
    if (role == Role.SYSTEM_ADMIN && requester.role() != Role.SYSTEM_ADMIN) {
      throw new Forbidden("only a system admin may grant the system_admin role");
    }
  }
}
