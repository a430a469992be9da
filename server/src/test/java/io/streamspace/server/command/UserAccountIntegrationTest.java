package io.streamspace.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.Forbidden;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.user.UserAccount;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.user.ChangeUser;
import io.streamspace.events.user.RegisterUser;
import io.streamspace.server.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Accounts live in the command side's {@code user_account} table and in the organization's
 * membership; both change in one transaction or neither does.
 */
class UserAccountIntegrationTest extends IntegrationTest {

  private static final String HASH = "$2a$10$abcdefghijklmnopqrstuu5zhsYl3oDkVHc3x7Rcb2s0bG0mQb7Ee";

  private String org;
  private Requester orgAdmin;
  private Requester systemAdmin;

  @BeforeEach
  void organization() {
    org = newId();
    orgAdmin = new Requester("admin-" + org, org, Role.ORG_ADMIN);
    systemAdmin = new Requester("root", "platform", Role.SYSTEM_ADMIN);
    send(new CreateOrganization(org, "users-" + org, "Users", new Quota(1, 1, 1)), systemAdmin);
  }

  private String uniqueName(String base) {
    return base + "-" + org.substring(0, 8);
  }

  private RegisterUser register(String userId, Requester by, String username, Role role) {
    return new RegisterUser(userId, by, org, username, HASH, "x@example.com", "X", role);
  }

  private Map<String, Object> row(String userId) {
    return jdbc.queryForMap("select * from user_account where user_id = ?", userId);
  }

  private int memberEvents(String userId, String type) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where aggregate_identifier = ?"
            + " and payload_type = ? and convert_from(payload, 'UTF8') like ?",
        Integer.class,
        org,
        "io.streamspace.events.organization." + type,
        "%" + userId + "%");
  }

  @Test
  void anOrganizationAdminRegistersAPersonInTheTableAndTheOrganization() {
    String id = newId();
    String username = uniqueName("ada");

    UserAccount account = send(register(id, orgAdmin, username, Role.USER), orgAdmin);

    assertThat(account)
        .isEqualTo(new UserAccount(id, org, username, "x@example.com", "X", Role.USER, false));
    assertThat(row(id))
        .containsEntry("organization_id", org)
        .containsEntry("username", username)
        .containsEntry("password_hash", HASH)
        .containsEntry("role", "user")
        .containsEntry("disabled", false);
    assertThat(row(id).get("created_at")).isNotNull();
    assertThat(memberEvents(id, "MemberAdded")).isEqualTo(1);
  }

  @Test
  void aTakenUsernameIsAConflictAndChangesNothing() {
    String username = uniqueName("bob");
    send(register(newId(), orgAdmin, username, Role.USER), orgAdmin);
    String second = newId();

    assertThatThrownBy(() -> send(register(second, orgAdmin, username, Role.USER), orgAdmin))
        .isInstanceOf(Conflict.class)
        .hasMessage("username " + username + " is taken");
    assertThat(jdbc.queryForList("select 1 from user_account where user_id = ?", second)).isEmpty();
    assertThat(memberEvents(second, "MemberAdded")).isZero();
  }

  @Test
  void anUnknownOrganizationLeavesNoAccountBehind() {
    String id = newId();
    String ghostOrg = newId();
    RegisterUser toNowhere =
        new RegisterUser(
            id, systemAdmin, ghostOrg, uniqueName("ghost"), HASH, null, null, Role.USER);

    assertThatThrownBy(() -> send(toNowhere, systemAdmin))
        .isInstanceOf(NotFound.class)
        .hasMessage("organization " + ghostOrg + " not found");
    assertThat(jdbc.queryForList("select 1 from user_account where user_id = ?", id)).isEmpty();
  }

  @Test
  void aPlainUserManagesNobody() {
    Requester plain = new Requester("plain", org, Role.USER);

    assertThatThrownBy(() -> send(register(newId(), plain, uniqueName("c"), Role.USER), plain))
        .isInstanceOf(Forbidden.class);
  }

  @Test
  void onlyASystemAdminGrantsSystemAdmin() {
    String id = newId();
    assertThatThrownBy(
            () -> send(register(id, orgAdmin, uniqueName("eve"), Role.SYSTEM_ADMIN), orgAdmin))
        .isInstanceOf(Forbidden.class)
        .hasMessage("only a system admin may grant the system_admin role");

    send(register(id, systemAdmin, uniqueName("eve"), Role.SYSTEM_ADMIN), systemAdmin);
    assertThat(row(id)).containsEntry("role", "system_admin");
  }

  @Test
  void anOrganizationAdminCannotRegisterPeopleElsewhere() {
    Requester otherAdmin = new Requester("other", newId(), Role.ORG_ADMIN);

    assertThatThrownBy(
            () -> send(register(newId(), otherAdmin, uniqueName("d"), Role.USER), otherAdmin))
        .isInstanceOf(Forbidden.class);
  }

  @Test
  void changingAPersonUpdatesTheRowAndTheMembershipTogether() {
    String id = newId();
    send(register(id, orgAdmin, uniqueName("fay"), Role.USER), orgAdmin);

    UserAccount changed = send(new ChangeUser(id, orgAdmin, Role.ORG_ADMIN, true), orgAdmin);

    assertThat(changed.role()).isEqualTo(Role.ORG_ADMIN);
    assertThat(changed.disabled()).isTrue();
    assertThat(changed.email()).as("the profile it was registered with").isEqualTo("x@example.com");
    assertThat(changed.displayName()).isEqualTo("X");
    assertThat(row(id)).containsEntry("role", "org_admin").containsEntry("disabled", true);
    assertThat(memberEvents(id, "MemberRoleChanged")).isEqualTo(1);
    assertThat(memberEvents(id, "MemberDisabled")).isEqualTo(1);
  }

  @Test
  void anotherOrganizationsAdminSeesThePersonAsUnknown() {
    String id = newId();
    send(register(id, orgAdmin, uniqueName("gus"), Role.USER), orgAdmin);
    Requester otherAdmin = new Requester("other", newId(), Role.ORG_ADMIN);

    assertThatThrownBy(() -> send(new ChangeUser(id, otherAdmin, null, true), otherAdmin))
        .isInstanceOf(NotFound.class)
        .hasMessage("user " + id + " not found");
    assertThat(row(id)).containsEntry("disabled", false);
  }

  @Test
  void anOrganizationAdminCannotPromoteAnyoneToSystemAdmin() {
    String id = newId();
    send(register(id, orgAdmin, uniqueName("hal"), Role.USER), orgAdmin);

    assertThatThrownBy(() -> send(new ChangeUser(id, orgAdmin, Role.SYSTEM_ADMIN, null), orgAdmin))
        .isInstanceOf(Forbidden.class);
    assertThat(row(id)).containsEntry("role", "user");
  }
}
