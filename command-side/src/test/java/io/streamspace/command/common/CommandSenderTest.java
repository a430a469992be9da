package io.streamspace.command.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.streamspace.events.common.AuditMetadata;
import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.ChangeOrganizationQuota;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.HibernateSession;
import io.streamspace.events.template.DeleteTemplate;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

class CommandSenderTest {

  private final CommandGateway gateway = mock(CommandGateway.class);
  private final CommandExecutor executor = new CommandExecutor(2, 1, Duration.ofSeconds(5));
  private final CommandSender sender = new CommandSender(gateway, executor);
  private final Requester ada = new Requester("ada", "org-1", Role.USER);
  private final Caller caller = new Caller(ada, "req-1", "10.0.0.1", "curl");
  private final HibernateSession hibernate = new HibernateSession("s-1", ada, "lunch");

  @AfterEach
  void stopExecutor() {
    executor.close();
  }

  @Test
  void theCommandCarriesTheCallersAuditMetadata() {
    when(gateway.sendAndWait(eq(hibernate), any(MetaData.class))).thenReturn(null);

    StepVerifier.create(sender.send(hibernate, caller)).verifyComplete();

    ArgumentCaptor<MetaData> metaData = ArgumentCaptor.forClass(MetaData.class);
    verify(gateway).sendAndWait(eq(hibernate), metaData.capture());
    assertThat(metaData.getValue())
        .containsEntry(AuditMetadata.ACTOR_ID, "ada")
        .containsEntry(AuditMetadata.ORGANIZATION_ID, "org-1")
        .containsEntry(AuditMetadata.REQUEST_ID, "req-1")
        .containsEntry(AuditMetadata.CLIENT_IP, "10.0.0.1")
        .containsEntry(AuditMetadata.USER_AGENT, "curl");
  }

  @Test
  void theCommandRunsOffTheCallingThread() {
    Thread caller = Thread.currentThread();
    Thread[] handledOn = new Thread[1];
    when(gateway.sendAndWait(eq(hibernate), any(MetaData.class)))
        .thenAnswer(
            invocation -> {
              handledOn[0] = Thread.currentThread();
              return null;
            });

    StepVerifier.create(sender.send(hibernate, this.caller)).verifyComplete();

    assertThat(handledOn[0]).isNotSameAs(caller);
    assertThat(handledOn[0].getName()).startsWith("command-");
  }

  @Test
  void aWriterThatLostARaceRunsTheCommandAgainAgainstTheNewState() {
    when(gateway.sendAndWait(eq(hibernate), any(MetaData.class)))
        .thenThrow(new ConcurrencyException("sequence 3 taken"))
        .thenReturn("ok");

    StepVerifier.create(sender.send(hibernate, caller)).expectNext("ok").verifyComplete();
    verify(gateway, times(2)).sendAndWait(eq(hibernate), any(MetaData.class));
  }

  @Test
  void aWriterThatKeepsLosingGetsAConflictNotAServerError() {
    when(gateway.sendAndWait(eq(hibernate), any(MetaData.class)))
        .thenThrow(new ConcurrencyException("sequence 3 taken"));

    StepVerifier.create(sender.send(hibernate, caller))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(Conflict.class)
                    .hasMessage(
                        "session s-1 was changed by another request at the same moment; try again"))
        .verify();
  }

  @Test
  void anUnknownAggregateIsNotFoundByItsOwnName() {
    DeleteTemplate delete = new DeleteTemplate("t-9", ada);
    when(gateway.sendAndWait(eq(delete), any(MetaData.class)))
        .thenThrow(new AggregateNotFoundException("t-9", "The aggregate was not found"));

    StepVerifier.create(sender.send(delete, caller))
        .expectErrorSatisfies(
            e -> assertThat(e).isInstanceOf(NotFound.class).hasMessage("template t-9 not found"))
        .verify();
  }

  @Test
  void domainRefusalsPassThroughUnchanged() {
    when(gateway.sendAndWait(eq(hibernate), any(MetaData.class)))
        .thenThrow(new Conflict("session is pending; only a running session can be hibernated"));

    StepVerifier.create(sender.send(hibernate, caller))
        .expectErrorMessage("session is pending; only a running session can be hibernated")
        .verify();
    verify(gateway, times(1)).sendAndWait(eq(hibernate), any(MetaData.class));
  }

  @Test
  void aCallerThatGoesAwayNeitherCancelsNorInterruptsTheRunningCommand() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    when(gateway.sendAndWait(eq(hibernate), any(MetaData.class)))
        .thenAnswer(
            invocation -> {
              started.countDown();
              try {
                // the unit of work, half-way through
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                interrupted.set(true);
              }
              interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
              finished.countDown();
              return "done";
            });

    Disposable request = sender.send(hibernate, caller).subscribe();
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    request.dispose(); // the client hangs up
    release.countDown();

    assertThat(finished.await(5, TimeUnit.SECONDS)).as("the command ran to its end").isTrue();
    assertThat(interrupted).as("the command thread was interrupted").isFalse();
  }

  @Test
  void aRaceRetriedAfterTheCallerWentAwayStillRunsToItsEnd() throws Exception {
    CountDownLatch firstAttempt = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Object> outcome = new AtomicReference<>();
    when(gateway.sendAndWait(eq(hibernate), any(MetaData.class)))
        .thenAnswer(
            invocation -> {
              firstAttempt.countDown();
              release.await(10, TimeUnit.SECONDS);
              throw new ConcurrencyException("sequence 3 taken");
            })
        .thenAnswer(
            invocation -> {
              outcome.set("second attempt ran");
              return "ok";
            });

    Disposable request = sender.send(hibernate, caller).subscribe();
    assertThat(firstAttempt.await(5, TimeUnit.SECONDS)).isTrue();
    request.dispose();
    release.countDown();

    verify(gateway, org.mockito.Mockito.timeout(5000).times(2))
        .sendAndWait(eq(hibernate), any(MetaData.class));
    assertThat(outcome).hasValue("second attempt ran");
  }

  @Test
  void whenEveryThreadIsBusyAndTheQueueIsFullTheCallerIsToldToRetry() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(2);
    when(gateway.sendAndWait(eq(hibernate), any(MetaData.class)))
        .thenAnswer(
            invocation -> {
              running.countDown();
              release.await(10, TimeUnit.SECONDS);
              return "ok";
            });
    try {
      // two threads busy, one command queued
      sender.send(hibernate, caller).subscribe();
      sender.send(hibernate, caller).subscribe();
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      sender.send(hibernate, caller).subscribe();

      StepVerifier.create(sender.send(hibernate, caller))
          .expectErrorSatisfies(
              e ->
                  assertThat(e)
                      .isInstanceOf(CommandsBusy.class)
                      .satisfies(
                          busy ->
                              assertThat(((CommandsBusy) busy).getStatusCode().value())
                                  .isEqualTo(503)))
          .verify();
    } finally {
      release.countDown();
    }
  }

  @Test
  void anotherKindOfResourcesIdIsNotFoundLikeAnUnknownOne() {
    // a session's id given where an organization's is expected: Axon cannot build an
    // Organization from a session's events
    ChangeOrganizationQuota change = new ChangeOrganizationQuota("s-1", new Quota(1, 1, 1));
    when(gateway.sendAndWait(eq(change), any(MetaData.class)))
        .thenThrow(
            new IncompatibleAggregateException(
                "Aggregate identifier must be non-null after applying an event."));

    StepVerifier.create(sender.send(change, caller))
        .expectErrorSatisfies(
            e ->
                assertThat(e).isInstanceOf(NotFound.class).hasMessage("organization s-1 not found"))
        .verify();
  }
}
