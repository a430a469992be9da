package io.streamspace.query.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Role;
import io.streamspace.events.organization.MemberAdded;
import io.streamspace.events.organization.MemberDisabled;
import io.streamspace.events.organization.MemberEnabled;
import io.streamspace.events.organization.MemberRoleChanged;
import io.streamspace.query.support.EventLog;
import io.streamspace.query.support.Projector;
import io.streamspace.query.support.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserProjectionTest {

  private final EventLog log = new EventLog().actor("admin", "acme");
  private final UserQueries queries = new UserQueries(ReadModelDatabase.databaseClient());
  private Projector projector;

  @BeforeEach
  void emptyTables() {
    ReadModelDatabase.clear();
    projector = new Projector(new UserProjection(ReadModelDatabase.dataSource()));
    projector.apply(
        log.next(
            "Organization",
            "acme",
            new MemberAdded("acme", "u1", "alice", "alice@acme.test", "Alice", Role.USER)));
  }

  @Test
  void anAddedMemberIsAnEnabledUserOfTheOrganization() {
    UserView user = queries.find("u1").block();

    assertThat(user.organizationId()).isEqualTo("acme");
    assertThat(user.username()).isEqualTo("alice");
    assertThat(user.email()).isEqualTo("alice@acme.test");
    assertThat(user.displayName()).isEqualTo("Alice");
    assertThat(user.role()).isEqualTo(Role.USER);
    assertThat(user.disabled()).isFalse();
    assertThat(user.createdAt()).isEqualTo(log.now());
  }

  @Test
  void roleChangesAndDisablingShowUp() {
    projector.apply(
        log.next("Organization", "acme", new MemberRoleChanged("acme", "u1", Role.ORG_ADMIN)),
        log.next("Organization", "acme", new MemberDisabled("acme", "u1")));

    UserView user = queries.find("u1").block();
    assertThat(user.role()).isEqualTo(Role.ORG_ADMIN);
    assertThat(user.disabled()).isTrue();
  }

  @Test
  void anOldDisableDeliveredAgainDoesNotUndoTheLaterEnable() {
    var disabled = log.next("Organization", "acme", new MemberDisabled("acme", "u1"));
    var enabled = log.next("Organization", "acme", new MemberEnabled("acme", "u1"));
    projector.apply(disabled, enabled);

    projector.apply(disabled);

    assertThat(queries.find("u1").block().disabled()).isFalse();
  }

  @Test
  void aResetEmptiesTheTableForTheReplay() {
    projector.reset();

    assertThat(queries.find("u1").blockOptional()).isEmpty();
  }
}
