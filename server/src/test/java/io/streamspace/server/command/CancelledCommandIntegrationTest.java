package io.streamspace.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.streamspace.command.common.CommandExecutor;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.CreateSession;
import io.streamspace.server.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * A command is never cut in the middle: a client that hangs up while its session is being created
 * leaves either the whole session (its quota share and its events) or nothing, and a unit of work
 * that fails half-way, for whatever reason, stores none of its events.
 */
class CancelledCommandIntegrationTest extends IntegrationTest {

  private static final String CREATED = "io.streamspace.events.session.SessionCreated";

  @Value("${local.server.port}")
  int port;

  @Autowired CommandExecutor commandExecutor;
  @Autowired CommandBus commandBus;

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private String org;
  private String template;
  private Requester ada;

  @BeforeEach
  void organizationAndLogCapture() {
    Tenant tenant = newTenant(new Quota(100, 1_000_000, 1_000_000), new Resources(10, 16));
    org = tenant.organizationId();
    template = tenant.templateId();
    ada = tenant.user("ada");
    log.start();
    root().addAppender(log);
  }

  @AfterEach
  void stopLogCapture() {
    root().detachAppender(log);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  }

  @Test
  void clientsThatHangUpMidRequestLeaveNoQuotaShareWithoutItsSession() {
    String token = "Bearer " + tokenFor(ada);
    String body = "{\"template_id\": \"" + template + "\"}";
    List<Integer> answers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // from before the command starts to well into its unit of work
      Duration patience = Duration.ofMillis(2 + i * 5L);
      answers.add(
          HttpClient.newConnection()
              .baseUrl("http://localhost:" + port)
              .headers(h -> h.set("Authorization", token).set("Content-Type", "application/json"))
              .post()
              .uri("/api/v1/sessions")
              .send((request, out) -> out.sendString(Mono.just(body)))
              .responseSingle((response, content) -> Mono.just(response.status().code()))
              .timeout(patience)
              .onErrorResume(TimeoutException.class, e -> Mono.just(-1))
              .block(Duration.ofSeconds(30)));
    }
    assertThat(answers).as("no request was refused or failed").isSubsetOf(201, -1);
    // and the server still answers a client that waits
    client
        .post()
        .uri("/api/v1/sessions")
        .header("Authorization", token)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isCreated();

    // the commands whose clients left still run to their end
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> commandExecutor.inFlight() == 0);

    assertThat(sharesWithoutTheirSession()).isEmpty();
    assertThat(sessionsWithoutTheirShare()).isEmpty();
    assertThat(usedSlots())
        .as("the organization's quota counts exactly its live sessions")
        .isEqualTo(sessionsOf(org));
    assertThat(interruptions()).isEmpty();
  }

  @Test
  void aUnitOfWorkInterruptedAfterTheShareWasTakenStoresTheWholeSessionOrNothing() {
    String sessionId = newId();
    Registration registration =
        commandBus.registerHandlerInterceptor(
            afterTheHandlerOf(sessionId, Thread.currentThread()::interrupt));
    try {
      send(new CreateSession(sessionId, ada, template, null), ada);
    } catch (RuntimeException refused) {
      // the interruption may end the unit of work: then nothing of it may be stored
    } finally {
      Thread.interrupted(); // whatever is left of the interruption must not leak into other tests
      registration.cancel();
    }

    assertThat(holdsOf(sessionId))
        .as("a share exactly when the session was recorded")
        .isEqualTo(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?"
                    + " and payload_type = ?",
                Integer.class,
                sessionId,
                CREATED));
    assertThat(usedSlots()).isEqualTo(sessionsOf(org));
  }

  @Test
  void aUnitOfWorkThatFailsAfterTheShareWasTakenStoresNeitherShareNorSession() {
    String sessionId = newId();
    Registration registration =
        commandBus.registerHandlerInterceptor(
            afterTheHandlerOf(
                sessionId,
                () -> {
                  throw new IllegalStateException("a failure after the handler ran");
                }));
    try {
      assertThatThrownBy(() -> send(new CreateSession(sessionId, ada, template, null), ada))
          .hasMessage("a failure after the handler ran");
    } finally {
      registration.cancel();
    }

    assertThat(holdsOf(sessionId)).as("no quota share of the session").isZero();
    assertThat(usedSlots()).isEqualTo(sessionsOf(org));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?"
                    + " or convert_from(payload, 'UTF8') like ?",
                Integer.class,
                sessionId,
                "%" + sessionId + "%"))
        .as("no event of or about the session")
        .isZero();
  }

  /**
   * Runs {@code strike} once the create of {@code sessionId} has run its handler to the end, share
   * taken and session recorded, before its unit of work commits.
   */
  private static MessageHandlerInterceptor<CommandMessage<?>> afterTheHandlerOf(
      String sessionId, Runnable strike) {
    return (unitOfWork, chain) -> {
      Object result = chain.proceed();
      if (unitOfWork.getMessage().getPayload() instanceof CreateSession create
          && create.sessionId().equals(sessionId)) {
        strike.run();
      }
      return result;
    };
  }

  private int holdsOf(String sessionId) {
    return jdbc.queryForObject(
        "select count(*) from session_quota_hold where session_id = ?", Integer.class, sessionId);
  }

  /** Sessions holding a share of the test organization's quota, as the quota counts them. */
  private int usedSlots() {
    return jdbc.queryForObject(
        "select sessions from organization_quota where organization_id = ?", Integer.class, org);
  }

  private int sessionsOf(String organizationId) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where payload_type = ?"
            + " and convert_from(payload, 'UTF8')::jsonb ->> 'organization_id' = ?",
        Integer.class,
        CREATED,
        organizationId);
  }

  private List<String> sharesWithoutTheirSession() {
    return jdbc.queryForList(
        "select h.session_id from session_quota_hold h where h.organization_id = ?"
            + " and not exists (select 1 from domain_event_entry c"
            + " where c.aggregate_identifier = h.session_id and c.payload_type = ?)",
        String.class,
        org,
        CREATED);
  }

  private List<String> sessionsWithoutTheirShare() {
    return jdbc.queryForList(
        "select c.aggregate_identifier from domain_event_entry c where c.payload_type = ?"
            + " and convert_from(c.payload, 'UTF8')::jsonb ->> 'organization_id' = ?"
            + " and not exists (select 1 from session_quota_hold h"
            + " where h.session_id = c.aggregate_identifier)",
        String.class,
        CREATED,
        org);
  }

  /** Log lines that carry an InterruptedException, or say a message was interrupted. */
  private List<String> interruptions() {
    List<ILoggingEvent> events;
    synchronized (log) { // the appender appends under its own lock
      events = new ArrayList<>(log.list);
    }
    List<String> found = new ArrayList<>();
    for (ILoggingEvent event : events) {
      if (event.getFormattedMessage().contains("was interrupted")) {
        found.add(event.getFormattedMessage());
      }
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        if (t.getClassName().equals(InterruptedException.class.getName())
            || String.valueOf(t.getMessage()).contains("was interrupted")) {
          found.add(t.getClassName() + ": " + t.getMessage());
        }
      }
    }
    return found;
  }
}
