package io.streamspace.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamspace.command.common.CommandSideProperties;
import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.command.common.SnapshotConfiguration;
import io.streamspace.command.organization.Organization;
import io.streamspace.command.session.Session;
import io.streamspace.command.template.Template;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.AddMember;
import io.streamspace.events.organization.ChangeOrganizationQuota;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.Quota;
import io.streamspace.server.support.IntegrationTest;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Component;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The Spring application wires the command side as designed: every aggregate finds its target
 * through the published language's resolver, and the organization is snapshotted by the trigger its
 * {@code @Aggregate} names (STACK.md trap 16 warns that some {@code @Aggregate} attributes are lost
 * on Spring 7; these two are not).
 */
class CommandSideWiringTest extends IntegrationTest {

  @Autowired Configuration axon;
  @Autowired PublishedLanguageTargetResolver resolver;

  @Autowired
  @Qualifier(SnapshotConfiguration.ORGANIZATION_SNAPSHOT_TRIGGER)
  SnapshotTriggerDefinition organizationSnapshotTrigger;

  @Autowired CommandSideProperties properties;

  private final Requester admin = Requester.system("bootstrap");

  @Test
  void everyAggregateResolvesItsTargetThroughThePublishedLanguage() throws Exception {
    for (Class<?> type : List.of(Organization.class, Template.class, Session.class)) {
      assertThat(configured(type, "commandTargetResolver", CommandTargetResolver.class))
          .as("command target resolver of %s", type.getSimpleName())
          .isSameAs(resolver);
    }
  }

  @Test
  void theOrganizationUsesTheSnapshotTriggerItsAnnotationNames() throws Exception {
    assertThat(organizationSnapshotTrigger).isInstanceOf(EventCountSnapshotTriggerDefinition.class);
    assertThat(configured(Organization.class, "snapshotTriggerDefinition", Object.class))
        .isSameAs(organizationSnapshotTrigger);
  }

  @Test
  void aCommandWithoutAnyAxonAnnotationReachesItsAggregate() {
    String org = newId();
    send(new CreateOrganization(org, "wiring-" + org, "Wiring", new Quota(1, 1000, 1000)), admin);

    send(new AddMember(org, "ada-" + org, "ada-" + org, null, null, Role.USER), admin);

    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class,
                org))
        .isEqualTo(2);
  }

  @Test
  void aLongOrganizationHistoryIsSnapshottedAndTheSnapshotDecidesLikeTheHistory() {
    String org = newId();
    String ada = "ada-" + org;
    send(new CreateOrganization(org, "busy-" + org, "Busy", new Quota(1, 1000, 1000)), admin);
    send(new AddMember(org, ada, ada, null, null, Role.USER), admin);
    int cycles = properties.organizationSnapshotThreshold();
    for (int i = 0; i < cycles; i++) {
      send(new ChangeOrganizationQuota(org, new Quota(1, 1000 + i % 2, 1000)), admin);
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForObject(
                            "select count(*) from snapshot_event_entry"
                                + " where aggregate_identifier = ?",
                            Integer.class,
                            org))
                    .isPositive());

    // restored from the snapshot, the organization still knows its member and its quota
    Assertions.assertThatThrownBy(
            () -> send(new AddMember(org, ada, ada, null, null, Role.USER), admin))
        .isInstanceOf(Conflict.class);
    int events = eventsOf(org);
    send(new ChangeOrganizationQuota(org, new Quota(1, 1000 + (cycles - 1) % 2, 1000)), admin);
    assertThat(eventsOf(org)).as("the same quota again records nothing").isEqualTo(events);
  }

  private int eventsOf(String aggregateId) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where aggregate_identifier = ?",
        Integer.class,
        aggregateId);
  }

  /** Reads what Axon's aggregate configuration really holds, not what we hope it holds. */
  private <T> T configured(Class<?> aggregateType, String componentField, Class<T> type)
      throws Exception {
    AggregateConfigurer<?> configurer =
        axon.findModules(AggregateConfigurer.class).stream()
            .filter(c -> c.aggregateType().equals(aggregateType))
            .findFirst()
            .orElseThrow();
    Field field = AggregateConfigurer.class.getDeclaredField(componentField);
    field.setAccessible(true);
    return type.cast(((Component<?>) field.get(configurer)).get());
  }
}
