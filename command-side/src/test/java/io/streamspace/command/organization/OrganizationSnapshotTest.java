package io.streamspace.command.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.MemberAdded;
import io.streamspace.events.organization.MemberDisabled;
import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.organization.ReserveSessionQuota;
import io.streamspace.events.organization.SessionQuotaReleased;
import io.streamspace.events.organization.SessionQuotaReserved;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * A snapshot of an organization is the aggregate written by Jackson; reading it back must give the
 * same quota decisions as replaying the history did.
 */
class OrganizationSnapshotTest {

  // the same shape of serializer the server stores snapshots with
  private final Serializer serializer =
      Jackson3Serializer.builder()
          .jsonMapperBuilderCustomizer(
              builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
          .build();

  @Test
  void aSnapshotKeepsMembersReservationsAndUsage() {
    String org = "org-1";
    AggregateTestFixture<Organization> fixture = new AggregateTestFixture<>(Organization.class);
    fixture.registerCommandTargetResolver(new PublishedLanguageTargetResolver());
    AtomicReference<Organization> replayed = new AtomicReference<>();
    fixture
        .given(
            new OrganizationCreated(org, "acme", "Acme", new Quota(3, 3000, 3072)),
            new MemberAdded(org, "u1", "ada", null, null, Role.ORG_ADMIN),
            new MemberDisabled(org, "u1"),
            new SessionQuotaReserved(org, "s1", new Resources(1000, 1000)),
            new SessionQuotaReserved(org, "s2", new Resources(500, 500)),
            new SessionQuotaReleased(org, "s1", new Resources(1000, 1000)))
        .when(new ReserveSessionQuota(org, "s3", new Resources(100, 100)))
        .expectState(replayed::set);

    SerializedObject<byte[]> snapshot = serializer.serialize(replayed.get(), byte[].class);
    Organization restored = serializer.deserialize(snapshot);

    assertThat(restored).usingRecursiveComparison().isEqualTo(replayed.get());
    assertThat(new String(snapshot.getData()))
        .contains("\"organization_id\":\"org-1\"")
        .contains("\"s2\"")
        .contains("\"s3\"")
        .doesNotContain("\"s1\"");
  }
}
