package io.streamspace.command.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.command.organization.InMemoryOrganizationQuotas;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.AgentOrderCompleted;
import io.streamspace.events.session.AgentOrderIssued;
import io.streamspace.events.session.AgentOrderKind;
import io.streamspace.events.session.ConnectViewer;
import io.streamspace.events.session.DisconnectViewer;
import io.streamspace.events.session.FailSession;
import io.streamspace.events.session.HibernateSession;
import io.streamspace.events.session.MarkSessionRunning;
import io.streamspace.events.session.MarkSessionStarting;
import io.streamspace.events.session.RecordSessionWaiting;
import io.streamspace.events.session.ResumeSession;
import io.streamspace.events.session.SessionAssigned;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionEvent;
import io.streamspace.events.session.SessionFailed;
import io.streamspace.events.session.SessionHibernated;
import io.streamspace.events.session.SessionResumed;
import io.streamspace.events.session.SessionRunning;
import io.streamspace.events.session.SessionStarting;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.events.session.SessionWaiting;
import io.streamspace.events.session.StopSession;
import io.streamspace.events.session.ViewerConnected;
import io.streamspace.events.session.ViewerDisconnected;
import io.streamspace.events.template.TemplateDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SessionTest {

  private static final String ID = "s-1";
  private static final String ORG = "org-1";
  private static final Requester OWNER = new Requester("ada", ORG, Role.USER);
  private static final Requester COLLEAGUE = new Requester("bob", ORG, Role.USER);
  private static final Requester ORG_ADMIN = new Requester("admin", ORG, Role.ORG_ADMIN);
  private static final Requester OTHER_ORG_ADMIN = new Requester("eve", "org-2", Role.ORG_ADMIN);
  private static final Requester PLATFORM = Requester.system(ORG);

  private static final TemplateDefinition XTERM =
      new TemplateDefinition(
          "xterm",
          "XTerm",
          null,
          null,
          null,
          null,
          null,
          List.of("xterm"),
          new Resources(500, 256),
          5900,
          Map.of());

  private static final SessionCreated CREATED =
      new SessionCreated(ID, ORG, "ada", "t-1", XTERM, new Resources(500, 256));
  private static final SessionStarting STARTING = new SessionStarting(ID, ORG, "agent-1");
  private static final SessionRunning RUNNING = new SessionRunning(ID, ORG, "10.0.0.5:5900");
  private static final SessionHibernated HIBERNATED = new SessionHibernated(ID, ORG, "idle");
  private static final SessionStopped STOPPED = new SessionStopped(ID, ORG, "done");
  private static final SessionFailed FAILED = new SessionFailed(ID, ORG, "image not found");

  // accepted in every status and changes nothing: lets a test look at a state its history made
  private static final DisconnectViewer NOBODY_LEAVES =
      new DisconnectViewer(ID, OWNER, "never-connected", "left");

  private AggregateTestFixture<Session> fixture;
  private final InMemoryOrganizationQuotas quotas = new InMemoryOrganizationQuotas();

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Session.class);
    fixture.registerCommandTargetResolver(new PublishedLanguageTargetResolver());
    // the organization's side: the session holds its share from its creation on
    quotas.open(ORG, new Quota(10, 10_000, 10_000));
    quotas.take(ORG, ID, new Resources(500, 256));
    fixture.registerAnnotatedCommandHandler(
        new SessionEndingHandler(fixture.getRepository(), quotas));
  }

  /** The histories that leave a session in each status. */
  private static Object[] historyOf(SessionStatus status) {
    return switch (status) {
      case PENDING -> new Object[] {CREATED};
      case STARTING -> new Object[] {CREATED, STARTING};
      case RUNNING -> new Object[] {CREATED, STARTING, RUNNING};
      case HIBERNATED -> new Object[] {CREATED, STARTING, RUNNING, HIBERNATED};
      case STOPPED -> new Object[] {CREATED, STOPPED};
      case FAILED -> new Object[] {CREATED, FAILED};
    };
  }

  static Stream<SessionStatus> liveStatuses() {
    return Stream.of(
        SessionStatus.PENDING,
        SessionStatus.STARTING,
        SessionStatus.RUNNING,
        SessionStatus.HIBERNATED);
  }

  @Test
  void anAgentStartsAPendingSession() {
    fixture
        .given(historyOf(SessionStatus.PENDING))
        .when(new MarkSessionStarting(ID, PLATFORM, "agent-1"))
        .expectEvents(STARTING);
  }

  @Test
  void aSessionCreatedWaitingIsNotToldTheSameReasonAgainButIsToldANewOne() {
    SessionCreated createdWaiting =
        new SessionCreated(
            ID, ORG, "ada", "t-1", XTERM, new Resources(500, 256), "waiting for an agent: none");

    fixture
        .given(createdWaiting)
        .when(new RecordSessionWaiting(ID, "waiting for an agent: none"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
    fixture
        .given(createdWaiting)
        .when(new RecordSessionWaiting(ID, "waiting for an agent: all are at capacity"))
        .expectEvents(new SessionWaiting(ID, ORG, "waiting for an agent: all are at capacity"));
  }

  @Test
  void aStartingSessionBecomesRunning() {
    fixture
        .given(historyOf(SessionStatus.STARTING))
        .when(new MarkSessionRunning(ID, PLATFORM, "10.0.0.5:5900"))
        .expectEvents(RUNNING);
  }

  @Test
  void aRunningSessionIsHibernatedByItsOwner() {
    fixture
        .given(historyOf(SessionStatus.RUNNING))
        .when(new HibernateSession(ID, OWNER, "lunch"))
        .expectEvents(new SessionHibernated(ID, ORG, "lunch"));
  }

  @Test
  void aHibernatedSessionIsResumed() {
    fixture
        .given(historyOf(SessionStatus.HIBERNATED))
        .when(new ResumeSession(ID, OWNER, "back"))
        .expectEvents(new SessionResumed(ID, ORG, "back"))
        .expectState(session -> assertThat(session.status()).isEqualTo(SessionStatus.RUNNING));
  }

  @Test
  void onlyARunningSessionCanBeHibernated() {
    fixture
        .given(historyOf(SessionStatus.HIBERNATED))
        .when(new HibernateSession(ID, OWNER, "again"))
        .expectException(Conflict.class)
        .expectExceptionMessage("session is hibernated; only a running session can be hibernated")
        .expectNoEvents();
    fixture
        .given(historyOf(SessionStatus.PENDING))
        .when(new HibernateSession(ID, OWNER, "too early"))
        .expectException(Conflict.class)
        .expectExceptionMessage("session is pending; only a running session can be hibernated")
        .expectNoEvents();
  }

  @Test
  void onlyAHibernatedSessionCanBeResumed() {
    fixture
        .given(historyOf(SessionStatus.RUNNING))
        .when(new ResumeSession(ID, OWNER, "already up"))
        .expectException(Conflict.class)
        .expectExceptionMessage("session is running; only a hibernated session can be resumed")
        .expectNoEvents();
  }

  @Test
  void onlyAPendingSessionCanBeMarkedStarting() {
    fixture
        .given(historyOf(SessionStatus.RUNNING))
        .when(new MarkSessionStarting(ID, PLATFORM, "agent-2"))
        .expectException(Conflict.class)
        .expectNoEvents();
  }

  @Test
  void aSessionThatHasEndedCannotRunAgain() {
    fixture
        .given(historyOf(SessionStatus.STOPPED))
        .when(new MarkSessionRunning(ID, PLATFORM, "10.0.0.5:5900"))
        .expectException(Conflict.class)
        .expectNoEvents();
    fixture
        .given(historyOf(SessionStatus.FAILED))
        .when(new ResumeSession(ID, OWNER, "retry"))
        .expectException(Conflict.class)
        .expectNoEvents();
  }

  @ParameterizedTest
  @MethodSource("liveStatuses")
  void aLiveSessionIsStoppedAndGivesItsQuotaBack(SessionStatus status) {
    fixture
        .given(historyOf(status))
        .when(new StopSession(ID, OWNER, "done"))
        .expectEvents(STOPPED)
        .expectResultMessagePayload(SessionStatus.STOPPED);
    assertThat(quotas.sessionsOf(ORG)).as("the share was given back").isZero();
  }

  @Test
  void stoppingAStoppedSessionIsAConflictAndGivesNothingBack() {
    fixture
        .given(historyOf(SessionStatus.STOPPED))
        .when(new StopSession(ID, OWNER, "again"))
        .expectException(Conflict.class)
        .expectExceptionMessage("session s-1 is already stopped")
        .expectNoEvents();
    assertThat(quotas.sessionsOf(ORG)).as("nothing was given back").isOne();
  }

  @Test
  void aFailedSessionCannotBeStopped() {
    fixture
        .given(historyOf(SessionStatus.FAILED))
        .when(new StopSession(ID, OWNER, "cleanup"))
        .expectException(Conflict.class)
        .expectExceptionMessage("session is failed; only a live session can be stopped")
        .expectNoEvents();
    assertThat(quotas.sessionsOf(ORG)).as("nothing was given back").isOne();
  }

  @ParameterizedTest
  @MethodSource("liveStatuses")
  void aLiveSessionCanFailAndGivesItsQuotaBack(SessionStatus status) {
    fixture
        .given(historyOf(status))
        .when(new FailSession(ID, PLATFORM, "image not found"))
        .expectEvents(FAILED)
        .expectResultMessagePayload(SessionStatus.FAILED);
    assertThat(quotas.sessionsOf(ORG)).as("the share was given back").isZero();
  }

  @Test
  void anEndedSessionCannotFail() {
    fixture
        .given(historyOf(SessionStatus.STOPPED))
        .when(new FailSession(ID, PLATFORM, "late crash report"))
        .expectException(Conflict.class)
        .expectNoEvents();
    assertThat(quotas.sessionsOf(ORG)).as("nothing was given back").isOne();
  }

  @Test
  void anotherPlainUserOfTheOrganizationSeesTheSessionAsUnknown() {
    fixture
        .given(historyOf(SessionStatus.RUNNING))
        .when(new HibernateSession(ID, COLLEAGUE, "prank"))
        .expectException(NotFound.class)
        .expectExceptionMessage("session s-1 not found")
        .expectNoEvents();
    fixture
        .given(historyOf(SessionStatus.RUNNING))
        .when(new StopSession(ID, COLLEAGUE, "prank"))
        .expectException(NotFound.class)
        .expectNoEvents();
    assertThat(quotas.sessionsOf(ORG)).as("nothing was given back").isOne();
  }

  @Test
  void anotherOrganizationSeesTheSessionAsUnknown() {
    fixture
        .given(historyOf(SessionStatus.RUNNING))
        .when(new StopSession(ID, OTHER_ORG_ADMIN, "intrusion"))
        .expectException(NotFound.class)
        .expectNoEvents();
    assertThat(quotas.sessionsOf(ORG)).as("nothing was given back").isOne();
  }

  @Test
  void anOrganizationAdminMayActOnTheirMembersSessions() {
    fixture
        .given(historyOf(SessionStatus.RUNNING))
        .when(new HibernateSession(ID, ORG_ADMIN, "maintenance"))
        .expectEvents(new SessionHibernated(ID, ORG, "maintenance"));
    fixture
        .given(historyOf(SessionStatus.RUNNING))
        .when(new StopSession(ID, ORG_ADMIN, "maintenance"))
        .expectEvents(new SessionStopped(ID, ORG, "maintenance"));
  }

  @Test
  void stoppingAnUnknownSessionIsNotFound() {
    fixture
        .givenNoPriorActivity()
        .when(new StopSession("nope", OWNER, "?"))
        .expectException(NotFound.class)
        .expectExceptionMessage("session nope not found");
  }

  @Test
  void everyTransitionNamesTheStatusItLeadsTo() {
    assertThat(
            Stream.of(CREATED, STARTING, RUNNING, HIBERNATED, STOPPED, FAILED)
                .map(SessionEvent::status))
        .containsExactly(
            SessionStatus.PENDING,
            SessionStatus.STARTING,
            SessionStatus.RUNNING,
            SessionStatus.HIBERNATED,
            SessionStatus.STOPPED,
            SessionStatus.FAILED);
  }

  @Test
  void aPersonWhoMayUseARunningSessionStartsWatchingIt() {
    fixture
        .given(CREATED, STARTING, RUNNING)
        .when(new ConnectViewer(ID, OWNER, "v-1"))
        .expectEvents(new ViewerConnected(ID, ORG, "v-1", "ada"));
    fixture
        .given(CREATED, STARTING, RUNNING)
        .when(new ConnectViewer(ID, ORG_ADMIN, "v-2"))
        .expectEvents(new ViewerConnected(ID, ORG, "v-2", "admin"));
  }

  @Test
  void nobodyWatchesASessionThatDoesNotRun() {
    fixture
        .given(CREATED, STARTING, RUNNING, HIBERNATED)
        .when(new ConnectViewer(ID, OWNER, "v-1"))
        .expectException(Conflict.class)
        .expectNoEvents();
    fixture
        .given(CREATED)
        .when(new ConnectViewer(ID, OWNER, "v-1"))
        .expectException(Conflict.class)
        .expectNoEvents();
  }

  @Test
  void anotherPersonsOrAnotherOrganizationsViewerIsRefusedAsIfTheSessionDidNotExist() {
    fixture
        .given(CREATED, STARTING, RUNNING)
        .when(new ConnectViewer(ID, COLLEAGUE, "v-1"))
        .expectException(NotFound.class)
        .expectNoEvents();
    fixture
        .given(CREATED, STARTING, RUNNING)
        .when(new ConnectViewer(ID, OTHER_ORG_ADMIN, "v-1"))
        .expectException(NotFound.class)
        .expectNoEvents();
  }

  @Test
  void aRetriedConnectOrDisconnectIsRecordedOnce() {
    ViewerConnected connected = new ViewerConnected(ID, ORG, "v-1", "ada");
    fixture
        .given(CREATED, STARTING, RUNNING, connected)
        .when(new ConnectViewer(ID, OWNER, "v-1"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
    fixture
        .given(
            CREATED,
            STARTING,
            RUNNING,
            connected,
            new ViewerDisconnected(ID, ORG, "v-1", "ada", "left", SessionStatus.RUNNING))
        .when(new DisconnectViewer(ID, OWNER, "v-1", "left"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
    fixture
        .given(CREATED, STARTING, RUNNING)
        .when(new DisconnectViewer(ID, OWNER, "never-connected", "left"))
        .expectSuccessfulHandlerExecution()
        .expectNoEvents();
  }

  @Test
  void aViewerLeavesInWhateverStatusTheSessionIsAndTheDepartureSaysWho() {
    fixture
        .given(CREATED, STARTING, RUNNING, new ViewerConnected(ID, ORG, "v-1", "ada"), STOPPED)
        .when(new DisconnectViewer(ID, PLATFORM, "v-1", "the session is stopped"))
        .expectEvents(
            new ViewerDisconnected(
                ID, ORG, "v-1", "ada", "the session is stopped", SessionStatus.STOPPED));
  }

  @ParameterizedTest
  @MethodSource("liveStatuses")
  void aLiveSessionIsStillInUse(SessionStatus status) {
    fixture
        .given(historyOf(status))
        .when(NOBODY_LEAVES)
        .expectNoEvents()
        .expectState(session -> assertThat(session.stillInUse()).isTrue());
  }

  @Test
  void anEndedSessionWithNothingLeftToHearIsNoLongerInUse() {
    for (SessionStatus ended : List.of(SessionStatus.STOPPED, SessionStatus.FAILED)) {
      fixture
          .given(historyOf(ended))
          .when(NOBODY_LEAVES)
          .expectNoEvents()
          .expectState(session -> assertThat(session.stillInUse()).isFalse());
    }
  }

  @Test
  void anEndedSessionIsInUseUntilItsAgentHasDoneTheStopOrder() {
    Object[] stoppedOnItsAgent = {
      CREATED,
      new SessionAssigned(ID, ORG, "agent-1", "start-1"),
      STARTING,
      RUNNING,
      STOPPED,
      new AgentOrderIssued(ID, ORG, "agent-1", "stop-1", AgentOrderKind.STOP, SessionStatus.STOPPED)
    };
    fixture
        .given(stoppedOnItsAgent)
        .when(NOBODY_LEAVES)
        .expectState(session -> assertThat(session.stillInUse()).isTrue());

    Object[] stopDone = Arrays.copyOf(stoppedOnItsAgent, stoppedOnItsAgent.length + 1);
    stopDone[stopDone.length - 1] =
        new AgentOrderCompleted(ID, ORG, "agent-1", "stop-1", SessionStatus.STOPPED);
    fixture
        .given(stopDone)
        .when(NOBODY_LEAVES)
        .expectState(session -> assertThat(session.stillInUse()).isFalse());
  }

  @Test
  void anEndedSessionIsInUseUntilItsLastViewerHasLeft() {
    fixture
        .given(CREATED, STARTING, RUNNING, new ViewerConnected(ID, ORG, "v-1", "ada"), STOPPED)
        .when(NOBODY_LEAVES)
        .expectState(session -> assertThat(session.stillInUse()).isTrue());
    fixture
        .given(
            CREATED,
            STARTING,
            RUNNING,
            new ViewerConnected(ID, ORG, "v-1", "ada"),
            STOPPED,
            new ViewerDisconnected(ID, ORG, "v-1", "ada", "stopped", SessionStatus.STOPPED))
        .when(NOBODY_LEAVES)
        .expectState(session -> assertThat(session.stillInUse()).isFalse());
  }
}
