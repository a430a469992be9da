package io.streamspace.command.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.command.common.SnapshotConfiguration;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.AddMember;
import io.streamspace.events.organization.ChangeMember;
import io.streamspace.events.organization.ChangeOrganizationQuota;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.MemberAdded;
import io.streamspace.events.organization.MemberDisabled;
import io.streamspace.events.organization.MemberEnabled;
import io.streamspace.events.organization.MemberRoleChanged;
import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.OrganizationQuotaChanged;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.organization.SessionQuotaReleased;
import io.streamspace.events.organization.SessionQuotaReserved;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrganizationTest {

  private static final String ORG = "org-1";
  private static final Quota TWO_SESSIONS = new Quota(2, 2000, 2048);
  private static final Resources SMALL = new Resources(500, 512);
  private static final OrganizationCreated CREATED =
      new OrganizationCreated(ORG, "acme", "Acme", TWO_SESSIONS);

  private AggregateTestFixture<Organization> fixture;
  private final InMemoryOrganizationNames names = new InMemoryOrganizationNames();
  private final InMemoryOrganizationQuotas quotas = new InMemoryOrganizationQuotas();

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Organization.class);
    fixture.registerCommandTargetResolver(new PublishedLanguageTargetResolver());
    fixture.registerAnnotatedCommandHandler(
        new OrganizationCreation(fixture.getRepository(), names, quotas));
    fixture.registerAnnotatedCommandHandler(
        new OrganizationQuotaChange(fixture.getRepository(), quotas));
  }

  @Test
  void anOrganizationIsCreatedWithItsQuota() {
    fixture
        .givenNoPriorActivity()
        .when(new CreateOrganization(ORG, "acme", "Acme", TWO_SESSIONS))
        .expectSuccessfulHandlerExecution()
        .expectEvents(CREATED);
    assertThat(quotas.limitsOf(ORG)).isEqualTo(TWO_SESSIONS);
  }

  @Test
  void aNameAnotherOrganizationHoldsIsAConflict() {
    names.claim("acme", "org-0");
    fixture
        .givenNoPriorActivity()
        .when(new CreateOrganization(ORG, "acme", "Acme", TWO_SESSIONS))
        .expectException(Conflict.class)
        .expectExceptionMessage("organization name acme is taken")
        .expectNoEvents();
  }

  @Test
  void aHistoryFromBeforeTheQuotaLeftItStillLoadsAndDecides() {
    // until ADR 0016 every session reserved and released its share here
    fixture
        .given(
            CREATED,
            new SessionQuotaReserved(ORG, "s1", SMALL),
            new SessionQuotaReserved(ORG, "s2", SMALL),
            new SessionQuotaReleased(ORG, "s1", SMALL))
        .when(new ChangeOrganizationQuota(ORG, new Quota(5, 2000, 2048)))
        .expectEvents(new OrganizationQuotaChanged(ORG, new Quota(5, 2000, 2048)));
  }

  @Test
  void theQuotaCanBeChanged() {
    Quota bigger = new Quota(10, 8000, 8192);
    fixture
        .given(CREATED)
        .when(new ChangeOrganizationQuota(ORG, bigger))
        .expectEvents(new OrganizationQuotaChanged(ORG, bigger));
    assertThat(quotas.limitsOf(ORG)).isEqualTo(bigger);
  }

  @Test
  void settingTheSameQuotaAgainRecordsNothing() {
    fixture
        .given(CREATED)
        .when(new ChangeOrganizationQuota(ORG, TWO_SESSIONS))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void theQuotaOfAnUnknownOrganizationIsNotFound() {
    fixture
        .givenNoPriorActivity()
        .when(new ChangeOrganizationQuota(ORG, TWO_SESSIONS))
        .expectException(NotFound.class)
        .expectNoEvents();
    assertThat(quotas.limitsOf(ORG)).isNull();
  }

  @Test
  void aMemberIsAddedWithTheirRole() {
    fixture
        .given(CREATED)
        .when(new AddMember(ORG, "u1", "ada", "ada@example.com", "Ada", Role.USER))
        .expectEvents(new MemberAdded(ORG, "u1", "ada", "ada@example.com", "Ada", Role.USER));
  }

  @Test
  void aPersonCannotBeAddedTwice() {
    fixture
        .given(CREATED, new MemberAdded(ORG, "u1", "ada", null, null, Role.USER))
        .when(new AddMember(ORG, "u1", "ada", null, null, Role.USER))
        .expectException(Conflict.class)
        .expectNoEvents();
  }

  @Test
  void aMembersRoleChanges() {
    fixture
        .given(CREATED, new MemberAdded(ORG, "u1", "ada", null, null, Role.USER))
        .when(new ChangeMember(ORG, "u1", Role.ORG_ADMIN, null))
        .expectEvents(new MemberRoleChanged(ORG, "u1", Role.ORG_ADMIN));
  }

  @Test
  void aMemberIsDisabledAndEnabledAgain() {
    MemberAdded added = new MemberAdded(ORG, "u1", "ada", null, null, Role.USER);
    fixture
        .given(CREATED, added)
        .when(new ChangeMember(ORG, "u1", null, true))
        .expectEvents(new MemberDisabled(ORG, "u1"));
    fixture
        .given(CREATED, added, new MemberDisabled(ORG, "u1"))
        .when(new ChangeMember(ORG, "u1", null, false))
        .expectEvents(new MemberEnabled(ORG, "u1"));
  }

  @Test
  void aChangeThatChangesNothingRecordsNothing() {
    fixture
        .given(CREATED, new MemberAdded(ORG, "u1", "ada", null, null, Role.USER))
        .when(new ChangeMember(ORG, "u1", Role.USER, false))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void changingSomeoneWhoIsNotAMemberIsNotFound() {
    fixture
        .given(CREATED)
        .when(new ChangeMember(ORG, "stranger", Role.ORG_ADMIN, null))
        .expectException(NotFound.class)
        .expectNoEvents();
  }

  @Test
  void theOrganizationIsSnapshottedByTheConfiguredTrigger() {
    Aggregate aggregate = Organization.class.getAnnotation(Aggregate.class);
    assertThat(aggregate.snapshotTriggerDefinition())
        .isEqualTo(SnapshotConfiguration.ORGANIZATION_SNAPSHOT_TRIGGER);
    assertThat(aggregate.commandTargetResolver())
        .isEqualTo(PublishedLanguageTargetResolver.BEAN_NAME);
  }
}
