package io.streamspace.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.command.common.Conflict;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.CreateSession;
import io.streamspace.events.template.TemplateDeleted;
import io.streamspace.server.support.IntegrationTest;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Aggregates stay cached between commands, yet a command never decides on a state another replica
 * (sharing the event store) has moved on, even a command that only reads the aggregate. (The quota
 * is not an aggregate's state any more: {@code OrganizationQuotasIntegrationTest} races it across
 * replicas.)
 */
class CachedAggregatesAcrossReplicasTest extends IntegrationTest {

  @Autowired EventStore eventStore;

  @Test
  void aTemplateAnotherReplicaDeletedStartsNoSessionHere() {
    Tenant tenant = newTenant(new Quota(10, 100_000, 100_000), new Resources(100, 128));
    Requester alice = tenant.user("alice");
    // the create loads the template and leaves it in this replica's cache
    send(new CreateSession(newId(), alice, tenant.templateId(), null), alice);

    // another replica deletes the template: its event reaches the shared store, not this cache
    appendElsewhere(
        "Template",
        tenant.templateId(),
        new TemplateDeleted(tenant.templateId(), tenant.organizationId()),
        tenant.admin());

    String refused = newId();
    assertThatThrownBy(
            () -> send(new CreateSession(refused, alice, tenant.templateId(), null), alice))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("was deleted");
    assertThat(storedEventsOf(refused)).isZero();
  }

  /** Appends the aggregate's next event as another replica sharing the store would. */
  private void appendElsewhere(String type, String aggregateId, Object event, Requester by) {
    long next = eventStore.lastSequenceNumberFor(aggregateId).orElseThrow() + 1;
    DefaultUnitOfWork.startAndGet(null)
        .execute(
            () ->
                eventStore.publish(
                    List.of(
                        new GenericDomainEventMessage<>(
                            type, aggregateId, next, event, auditMetadata(by)))));
  }

  private int storedEventsOf(String aggregateId) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where aggregate_identifier = ?",
        Integer.class,
        aggregateId);
  }
}
