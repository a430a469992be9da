package io.streamspace.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

import io.streamspace.command.common.CommandSender;
import io.streamspace.command.common.Conflict;
import io.streamspace.command.session.Session;
import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.CreateSession;
import io.streamspace.events.session.HibernateSession;
import io.streamspace.events.session.MarkSessionRunning;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.events.session.StopSession;
import io.streamspace.events.template.CreateTemplate;
import io.streamspace.events.template.TemplateDefinition;
import io.streamspace.server.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two writers on one aggregate (STACK.md trap 7). Inside one JVM they queue on the aggregate's
 * lock; across replicas nothing but the event store's unique {@code (aggregate_identifier,
 * sequence_number)} key orders them, so the last to commit must lose cleanly: a {@code
 * ConcurrencyException} and nothing stored, which the API retries or answers with 409, never 500.
 */
class ConcurrentWritersIntegrationTest extends IntegrationTest {

  @Autowired CommandSender commands;
  @Autowired EventStore eventStore;
  @Autowired TransactionManager transactionManager;
  @Autowired org.axonframework.config.Configuration axon;

  private Requester ada;
  private String organizationId;

  private String runningSession() {
    organizationId = newId();
    Requester admin = new Requester("admin", organizationId, Role.ORG_ADMIN);
    ada = new Requester("ada", organizationId, Role.USER);
    send(
        new CreateOrganization(
            organizationId, "race-" + organizationId, "Race", new Quota(5, 10_000, 10_000)),
        admin);
    String template = newId();
    send(
        new CreateTemplate(
            template,
            admin,
            new TemplateDefinition(
                "xterm",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("xterm"),
                new Resources(100, 100),
                5900,
                Map.of())),
        admin);
    String session = newId();
    send(new CreateSession(session, ada, template, null), ada);
    send(new MarkSessionRunning(session, Requester.system(organizationId), "127.0.0.1:5901"), ada);
    return session;
  }

  private List<String> historyOf(String aggregateId) {
    return jdbc.queryForList(
        "select payload_type from domain_event_entry where aggregate_identifier = ?"
            + " order by sequence_number",
        String.class,
        aggregateId);
  }

  @Test
  void aWriterOnAnotherReplicaThatCommitsLastLosesCleanly() throws Exception {
    String session = runningSession();
    // "replica 2": the same event store, but its own repository and so its own aggregate locks
    EventSourcingRepository<Session> replica2 =
        EventSourcingRepository.builder(Session.class).eventStore(eventStore).build();
    HibernateSession hibernate = new HibernateSession(session, ada, "from replica 2");
    DefaultUnitOfWork<?> replica2Work = DefaultUnitOfWork.startAndGet(asCommandMessage(hibernate));
    replica2Work.attachTransaction(transactionManager);
    Aggregate<Session> loaded = replica2.load(session);
    loaded.handle(asCommandMessage(hibernate));

    // meanwhile this replica stops the same session and commits first
    Caller caller = new Caller(ada, "stop-1", "127.0.0.1", "race");
    SessionStatus stopped =
        CompletableFuture.supplyAsync(
                () ->
                    commands
                        .<SessionStatus>send(new StopSession(session, ada, "done"), caller)
                        .block())
            .get(30, TimeUnit.SECONDS);
    assertThat(stopped).isEqualTo(SessionStatus.STOPPED);

    assertThatThrownBy(replica2Work::commit).isInstanceOf(ConcurrencyException.class);
    assertThat(historyOf(session))
        .containsExactly(
            // no agent here: its creation says why it waits, with no event of its own
            "io.streamspace.events.session.SessionCreated",
            "io.streamspace.events.session.SessionRunning",
            "io.streamspace.events.session.SessionStopped");
  }

  @Test
  void twoStopsAtOnceOnOneReplicaOneWinsTheOtherIsAConflict() throws Exception {
    String session = runningSession();
    Caller caller = new Caller(ada, "stop-2", "127.0.0.1", "race");
    List<CompletableFuture<Object>> racers =
        List.of(
            CompletableFuture.supplyAsync(
                () -> commands.send(new StopSession(session, ada, "first"), caller).block()),
            CompletableFuture.supplyAsync(
                () -> commands.send(new StopSession(session, ada, "second"), caller).block()));
    CompletableFuture.allOf(racers.toArray(CompletableFuture[]::new))
        .handle((ignored, failure) -> null)
        .get(30, TimeUnit.SECONDS);

    assertThat(racers).filteredOn(r -> !r.isCompletedExceptionally()).hasSize(1);
    assertThat(racers)
        .filteredOn(CompletableFuture::isCompletedExceptionally)
        .singleElement()
        .satisfies(
            loser ->
                assertThatThrownBy(loser::join)
                    .hasCauseInstanceOf(Conflict.class)
                    .hasMessageContaining("is already stopped"));
    assertThat(historyOf(session)).filteredOn(t -> t.endsWith("SessionStopped")).hasSize(1);
    assertThat(
            jdbc.queryForObject(
                "select sessions from organization_quota where organization_id = ?",
                Integer.class,
                organizationId))
        .as("the share was given back once")
        .isZero();
  }

  @Test
  void aCachedAggregateThatAnotherReplicaMovedOnIsReloadedNotTrustedStale() throws Exception {
    String session = runningSession();
    // this replica has the running session in its aggregate cache ...
    assertThat(axon.repository(Session.class)).isInstanceOf(CachingEventSourcingRepository.class);
    // ... when "replica 2" hibernates it behind the cache's back
    EventSourcingRepository<Session> replica2 =
        EventSourcingRepository.builder(Session.class).eventStore(eventStore).build();
    HibernateSession fromReplica2 = new HibernateSession(session, ada, "from replica 2");
    DefaultUnitOfWork<?> replica2Work =
        DefaultUnitOfWork.startAndGet(asCommandMessage(fromReplica2));
    replica2Work.attachTransaction(transactionManager);
    replica2.load(session).handle(asCommandMessage(fromReplica2));
    replica2Work.commit();

    // the stale cached copy still says "running"; the answer must come from the real state
    Caller caller = new Caller(ada, "hibernate-again", "127.0.0.1", "race");
    assertThatThrownBy(
            () -> commands.send(new HibernateSession(session, ada, "here too"), caller).block())
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("session is hibernated");
    assertThat(historyOf(session))
        .containsExactly(
            // no agent here: its creation says why it waits, with no event of its own
            "io.streamspace.events.session.SessionCreated",
            "io.streamspace.events.session.SessionRunning",
            "io.streamspace.events.session.SessionHibernated");
  }
}
