package io.streamspace.server.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.events.common.AuditMetadata;
import io.streamspace.events.common.Requester;
import io.streamspace.server.support.IntegrationTest;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.AbstractEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The running application really stores events in PostgreSQL through Axon's JDBC engine, inside
 * real transactions: STACK.md traps 2 and 3 would fall back to an in-memory bus silently.
 */
class AxonPersistenceWiringTest extends IntegrationTest {

  /** A payload with no revision annotation, only for these wiring checks. */
  record WiringProbe(String note) {}

  @Autowired Configuration axon;
  @Autowired EventStore eventStore;
  @Autowired EventStorageEngine storageEngine;
  @Autowired TokenStore tokenStore;

  @Test
  void theEventStoreIsTheJdbcOneOnPostgres() throws Exception {
    assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
    assertThat(eventStore).isInstanceOf(GatheringEventStore.class);
    Method engineOf = AbstractEventStore.class.getDeclaredMethod("storageEngine");
    engineOf.setAccessible(true);
    assertThat(engineOf.invoke(eventStore)).isSameAs(storageEngine);
    assertThat(axon.eventStore()).isSameAs(eventStore);
    assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
    assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
  }

  @Test
  void axonRunsInsideRealSpringTransactions() {
    assertThat(axon.getComponent(TransactionManager.class))
        .isInstanceOf(SpringTransactionManager.class);
  }

  @Test
  void publishedEventsAreRowsInTheEventTableWithTheirAuditMetadata() {
    String aggregateId = newId();
    Requester requester = new Requester("user-1", "org-1", io.streamspace.events.common.Role.USER);
    DefaultUnitOfWork.startAndGet(null)
        .execute(
            () ->
                eventStore.publish(
                    new GenericDomainEventMessage<>(
                        "WiringProbe",
                        aggregateId,
                        0,
                        new WiringProbe("hello"),
                        auditMetadata(requester))));

    Map<String, Object> row =
        jdbc.queryForMap(
            "select event_identifier, payload_type, convert_from(payload, 'UTF8') as payload,"
                + " convert_from(meta_data, 'UTF8') as meta_data"
                + " from domain_event_entry where aggregate_identifier = ?",
            aggregateId);
    assertThat(row.get("payload_type")).isEqualTo(WiringProbe.class.getName());
    // Axon's message ids come from TimeOrderedIdentifiers, found through its ServiceLoader
    assertThat(java.util.UUID.fromString((String) row.get("event_identifier")).version())
        .isEqualTo(7);
    assertThat((String) row.get("payload")).contains("\"note\":\"hello\"");
    assertThat((String) row.get("meta_data"))
        .contains("\"" + AuditMetadata.ACTOR_ID + "\":\"user-1\"")
        .contains("\"" + AuditMetadata.CLIENT_IP + "\":\"127.0.0.1\"");
  }

  /** Handles {@link WiringProbe} as the application's annotated handlers do, noting its stack. */
  static class ProbeHandler {
    StackTraceElement[] stack;

    @CommandHandler
    void handle(WiringProbe probe) {
      stack = new Throwable().getStackTrace();
    }
  }

  @Test
  void handlersAndUnitsOfWorkRunWithoutAxonsTimeouts() throws Exception {
    // Axon's default timeouts interrupt a handler after 30 s (a command's unit of work must run to
    // its end: CommandExecutor) and cost a captured stack trace and a scheduled task per call.
    ProbeHandler probe = new ProbeHandler();
    AnnotatedHandlerInspector<ProbeHandler> inspector =
        AnnotatedHandlerInspector.inspectType(
            ProbeHandler.class,
            axon.parameterResolverFactory(),
            axon.handlerDefinition(ProbeHandler.class));
    List<MessageHandlingMember<? super ProbeHandler>> members =
        inspector.getHandlers(ProbeHandler.class).toList();
    assertThat(members).hasSize(1);
    members.get(0).handle(GenericCommandMessage.asCommandMessage(new WiringProbe("x")), probe);
    assertThat(probe.stack).noneMatch(AxonPersistenceWiringTest::timeoutFrame);

    String commandName = "wiring-probe-" + newId();
    List<StackTraceElement[]> busStacks = new CopyOnWriteArrayList<>();
    Registration subscription =
        axon.commandBus()
            .subscribe(
                commandName,
                command -> {
                  busStacks.add(new Throwable().getStackTrace());
                  return null;
                });
    try {
      axon.commandGateway()
          .sendAndWait(
              new GenericCommandMessage<>(new GenericMessage<>(new WiringProbe("y")), commandName));
    } finally {
      subscription.cancel();
    }
    assertThat(busStacks).hasSize(1);
    assertThat(busStacks.get(0)).noneMatch(AxonPersistenceWiringTest::timeoutFrame);
  }

  private static boolean timeoutFrame(StackTraceElement frame) {
    return frame.getClassName().startsWith("org.axonframework.messaging.timeout.");
  }

  @Test
  void aRolledBackUnitOfWorkStoresNothing() {
    String aggregateId = newId();
    DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
    unitOfWork.attachTransaction(axon.getComponent(TransactionManager.class));
    eventStore.publish(
        new GenericDomainEventMessage<>("WiringProbe", aggregateId, 0, new WiringProbe("x")));
    unitOfWork.rollback(new IllegalStateException("the command failed"));

    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class,
                aggregateId))
        .isZero();
  }

  @Test
  void twoWritersOfTheSameSequenceNumberGetAConcurrencyExceptionNotAGenericFailure() {
    String aggregateId = newId();
    storageEngine.appendEvents(
        new GenericDomainEventMessage<>("WiringProbe", aggregateId, 0, new WiringProbe("first")));
    storageEngine.appendEvents(
        new GenericDomainEventMessage<>("WiringProbe", aggregateId, 1, new WiringProbe("a")));

    assertThatThrownBy(
            () ->
                storageEngine.appendEvents(
                    new GenericDomainEventMessage<>(
                        "WiringProbe", aggregateId, 1, new WiringProbe("b"))))
        .isInstanceOf(ConcurrencyException.class);
    assertThat(
            jdbc.queryForList(
                "select convert_from(payload, 'UTF8') from domain_event_entry"
                    + " where aggregate_identifier = ? order by sequence_number",
                String.class,
                aggregateId))
        .hasSize(2)
        .last()
        .asString()
        .contains("\"a\"");
  }

  @Test
  void nonDomainEventsAreStoredToo() {
    String note = "plain-" + newId();
    DefaultUnitOfWork.startAndGet(null)
        .execute(
            () -> eventStore.publish(GenericEventMessage.asEventMessage(new WiringProbe(note))));
    List<String> payloads =
        jdbc.queryForList(
            "select convert_from(payload, 'UTF8') from domain_event_entry where time_stamp >= ?",
            String.class,
            Instant.now().minusSeconds(60).toString());
    assertThat(payloads).anyMatch(p -> p.contains(note));
  }
}
