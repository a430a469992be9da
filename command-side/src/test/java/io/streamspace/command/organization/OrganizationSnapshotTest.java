package io.streamspace.command.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.ChangeOrganizationQuota;
import io.streamspace.events.organization.MemberAdded;
import io.streamspace.events.organization.MemberDisabled;
import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.organization.SessionQuotaReleased;
import io.streamspace.events.organization.SessionQuotaReserved;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * A snapshot of an organization is the aggregate written by Jackson; reading it back must give the
 * same state as replaying the history did, also for snapshots written before ADR 0016, which still
 * carry the sessions' reservations.
 */
class OrganizationSnapshotTest {

  // the same shape of serializer the server stores snapshots with
  private final Serializer serializer =
      Jackson3Serializer.builder()
          .jsonMapperBuilderCustomizer(
              builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
          .build();

  private static final String ORG = "org-1";
  private static final Quota QUOTA = new Quota(3, 3000, 3072);

  /** The organization an old history leaves, quota events and all. */
  private Organization replayed() {
    AggregateTestFixture<Organization> fixture = new AggregateTestFixture<>(Organization.class);
    fixture.registerCommandTargetResolver(new PublishedLanguageTargetResolver());
    fixture.registerAnnotatedCommandHandler(
        new OrganizationQuotaChange(fixture.getRepository(), new InMemoryOrganizationQuotas()));
    AtomicReference<Organization> replayed = new AtomicReference<>();
    fixture
        .given(
            new OrganizationCreated(ORG, "acme", "Acme", QUOTA),
            new MemberAdded(ORG, "u1", "ada", null, null, Role.ORG_ADMIN),
            new MemberDisabled(ORG, "u1"),
            new SessionQuotaReserved(ORG, "s1", new Resources(1000, 1000)),
            new SessionQuotaReserved(ORG, "s2", new Resources(500, 500)),
            new SessionQuotaReleased(ORG, "s1", new Resources(1000, 1000)))
        // the same quota again: a command that records nothing, to look at the state
        .when(new ChangeOrganizationQuota(ORG, QUOTA))
        .expectNoEvents()
        .expectState(replayed::set);
    return replayed.get();
  }

  @Test
  void aSnapshotKeepsTheMembersAndTheQuota() {
    Organization replayed = replayed();

    SerializedObject<byte[]> snapshot = serializer.serialize(replayed, byte[].class);
    Organization restored = serializer.deserialize(snapshot);

    assertThat(restored).usingRecursiveComparison().isEqualTo(replayed);
    assertThat(new String(snapshot.getData(), StandardCharsets.UTF_8))
        .contains("\"organization_id\":\"org-1\"")
        .contains("\"u1\"")
        .contains("\"max_sessions\":3")
        .doesNotContain("\"s2\"");
  }

  @Test
  void aSnapshotWrittenWhenTheOrganizationHeldReservationsStillReads() {
    Organization replayed = replayed();
    SerializedObject<byte[]> snapshot = serializer.serialize(replayed, byte[].class);
    String json = new String(snapshot.getData(), StandardCharsets.UTF_8);
    // the two fields such a snapshot had besides today's
    String old =
        json.substring(0, json.lastIndexOf('}'))
            + ",\"reservations\":{\"s2\":{\"cpu_millis\":500,\"memory_mb\":500}},"
            + "\"used\":{\"cpu_millis\":500,\"memory_mb\":500}}";

    Organization restored =
        serializer.deserialize(
            new SimpleSerializedObject<>(
                old.getBytes(StandardCharsets.UTF_8), byte[].class, snapshot.getType()));

    assertThat(restored).usingRecursiveComparison().isEqualTo(replayed);
  }
}
