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
import io.streamspace.events.session.HibernateSession;
import io.streamspace.events.template.DeleteTemplate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.test.StepVerifier;

class CommandSenderTest {

  private final CommandGateway gateway = mock(CommandGateway.class);
  private final CommandSender sender = new CommandSender(gateway);
  private final Requester ada = new Requester("ada", "org-1", Role.USER);
  private final Caller caller = new Caller(ada, "req-1", "10.0.0.1", "curl");
  private final HibernateSession hibernate = new HibernateSession("s-1", ada, "lunch");

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
    assertThat(handledOn[0].getName()).startsWith("boundedElastic");
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
}
