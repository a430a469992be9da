package io.streamspace.command.organization;

import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.ChangeMemberProfile;
import io.streamspace.events.organization.MemberAdded;
import io.streamspace.events.organization.MemberProfileChanged;
import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.Quota;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A member's email and display name change through their organization (synced from an IdP). */
class MemberProfileTest {

  private static final String ORG = "org-1";
  private static final OrganizationCreated CREATED =
      new OrganizationCreated(ORG, "acme", "Acme", new Quota(2, 2000, 2048));
  private static final MemberAdded ADA =
      new MemberAdded(ORG, "u1", "ada", "ada@example.com", "Ada", Role.USER);

  private AggregateTestFixture<Organization> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Organization.class);
    fixture.registerCommandTargetResolver(new PublishedLanguageTargetResolver());
  }

  @Test
  void aMembersProfileChanges() {
    fixture
        .given(CREATED, ADA)
        .when(new ChangeMemberProfile(ORG, "u1", "ada@lovelace.org", "Ada Lovelace"))
        .expectEvents(new MemberProfileChanged(ORG, "u1", "ada@lovelace.org", "Ada Lovelace"));
  }

  @Test
  void theProfileOfSomeoneWhoIsNoMemberIsNotFound() {
    fixture
        .given(CREATED, ADA)
        .when(new ChangeMemberProfile(ORG, "u2", "x@example.com", "X"))
        .expectException(NotFound.class)
        .expectNoEvents();
  }
}
