package io.streamspace.agent;

import static io.streamspace.events.agent.ReportedStatus.FAILED;
import static io.streamspace.events.agent.ReportedStatus.HIBERNATED;
import static io.streamspace.events.agent.ReportedStatus.RUNNING;
import static io.streamspace.events.agent.ReportedStatus.STARTING;
import static io.streamspace.events.agent.ReportedStatus.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamspace.agent.connection.Backoff;
import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.OrderReceipt;
import io.streamspace.events.agent.SessionReport;
import io.streamspace.events.agent.StartSessionOrder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent answers the server's orders over a real RSocket connection, and reports outcomes. */
class AgentOrdersTest {

  final RecordingRuntime runtime = new RecordingRuntime();
  ServerEnd server;
  Agent agent;

  @BeforeEach
  void connect() {
    server = ServerEnd.start();
    agent =
        new Agent(
            AgentSettings.of(server.url(), "agent-token", "agent-1", new AgentCapacity(4, 0, 0))
                .withReconnect(
                    new Backoff.Policy(Duration.ofMillis(50), 2, Duration.ofMillis(500))),
            runtime);
    agent.start();
    await().until(agent::connected);
  }

  @AfterEach
  void disconnect() {
    agent.close();
    server.close();
  }

  @Test
  void aStartIsAcknowledgedAtOnceThenReportedStartingAndRunningWithItsEndpoint() {
    OrderReceipt receipt =
        server.order(AgentProtocol.START_SESSION, ServerOrders.start("c1", "s1", "xterm"));

    assertThat(receipt).isEqualTo(OrderReceipt.accepted("c1"));
    await().until(() -> server.reports().size() == 2);
    assertThat(server.reports())
        .containsExactly(
            new SessionReport("s1", "c1", STARTING, null, 0, null),
            new SessionReport("s1", "c1", RUNNING, "127.0.0.1", 5901, null));
    assertThat(runtime.calls).containsExactly("start s1");
  }

  @Test
  void aRepeatedCommandIdGetsTheSameReceiptAndRunsOnce() {
    StartSessionOrder order = ServerOrders.start("c1", "s1", "xterm");

    assertThat(server.order(AgentProtocol.START_SESSION, order))
        .isEqualTo(OrderReceipt.accepted("c1"));
    assertThat(server.order(AgentProtocol.START_SESSION, order))
        .isEqualTo(OrderReceipt.accepted("c1"));
    // The session's orders run in arrival order, so a second run of c1 would report before c2.
    server.order(AgentProtocol.STOP_SESSION, ServerOrders.stop("c2", "s1"));

    await().until(() -> server.reports().size() >= 3);
    assertThat(server.reports())
        .extracting(SessionReport::commandId, SessionReport::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("c1", STARTING),
            org.assertj.core.groups.Tuple.tuple("c1", RUNNING),
            org.assertj.core.groups.Tuple.tuple("c2", STOPPED));
    assertThat(runtime.calls).containsExactly("start s1", "stop s1");
  }

  @Test
  void aStartForASessionAlreadyRunningReportsItsEndpointAgain() {
    server.order(AgentProtocol.START_SESSION, ServerOrders.start("c1", "s1", "xterm"));
    await().until(() -> server.reports().size() == 2);

    server.order(AgentProtocol.START_SESSION, ServerOrders.start("c2", "s1", "xterm"));

    await().until(() -> server.reports().size() == 3);
    assertThat(server.reports().get(2))
        .isEqualTo(new SessionReport("s1", "c2", RUNNING, "127.0.0.1", 5901, null));
    assertThat(runtime.calls).containsExactly("start s1");
  }

  @Test
  void stopHibernateAndResumeReportTheirOutcome() {
    server.order(AgentProtocol.START_SESSION, ServerOrders.start("c1", "s1", "xterm"));
    server.order(AgentProtocol.HIBERNATE_SESSION, ServerOrders.hibernate("c2", "s1"));
    server.order(AgentProtocol.RESUME_SESSION, ServerOrders.resume("c3", "s1"));
    server.order(AgentProtocol.STOP_SESSION, ServerOrders.stop("c4", "s1"));

    await().until(() -> server.reports().size() == 5);
    assertThat(server.reports())
        .containsExactly(
            new SessionReport("s1", "c1", STARTING, null, 0, null),
            new SessionReport("s1", "c1", RUNNING, "127.0.0.1", 5901, null),
            new SessionReport("s1", "c2", HIBERNATED, "127.0.0.1", 5901, null),
            new SessionReport("s1", "c3", RUNNING, "127.0.0.1", 5901, null),
            new SessionReport("s1", "c4", STOPPED, null, 0, "the user stopped it"));
  }

  @Test
  void hibernatingASessionTheAgentDoesNotRunIsReportedFailedWithTheReason() {
    assertThat(server.order(AgentProtocol.HIBERNATE_SESSION, ServerOrders.hibernate("c1", "ghost")))
        .isEqualTo(OrderReceipt.accepted("c1"));

    await().until(() -> server.reports().size() == 1);
    assertThat(server.reports())
        .containsExactly(
            new SessionReport("ghost", "c1", FAILED, null, 0, "session ghost is not running here"));
  }

  @Test
  void aStartThatFailsIsReportedFailedWithTheRuntimesReason() {
    server.order(AgentProtocol.START_SESSION, ServerOrders.start("c1", "s1", "does-not-exist"));

    await().until(() -> server.reports().size() == 2);
    assertThat(server.reports().get(1))
        .isEqualTo(
            new SessionReport(
                "s1",
                "c1",
                FAILED,
                null,
                0,
                "the app exited with code 127 before the session was ready"));
  }

  @Test
  void aMalformedOrderIsRefusedWithAReasonAndChangesNothing() {
    OrderReceipt badId =
        server.order(AgentProtocol.START_SESSION, ServerOrders.start("c1", "../../etc", "xterm"));
    OrderReceipt noCommand =
        server.order(AgentProtocol.START_SESSION, ServerOrders.start("c2", "s2"));
    OrderReceipt noId = server.order(AgentProtocol.STOP_SESSION, ServerOrders.stop(null, "s1"));

    assertThat(badId.accepted()).isFalse();
    assertThat(badId.commandId()).isEqualTo("c1");
    assertThat(badId.reason()).startsWith("malformed order: sessionId must be");
    assertThat(noCommand.accepted()).isFalse();
    assertThat(noCommand.reason()).isEqualTo("malformed order: command must not be empty");
    assertThat(noId).isEqualTo(OrderReceipt.refused(null, "the order has no commandId"));
    // A refused order is answered the same way when repeated.
    assertThat(
            server.order(
                AgentProtocol.START_SESSION, ServerOrders.start("c1", "../../etc", "xterm")))
        .isEqualTo(badId);
    assertThat(runtime.calls).isEmpty();
    assertThat(server.reports()).isEmpty();
  }

  @Test
  void withoutItsBackendTheAgentStillConnectsButFailsStartsWithTheReason() {
    runtime.unavailable("Xvfb, x11vnc not found on PATH; install the Debian packages: xvfb x11vnc");

    assertThat(server.order(AgentProtocol.START_SESSION, ServerOrders.start("c1", "s1", "xterm")))
        .isEqualTo(OrderReceipt.accepted("c1"));

    await().until(() -> server.reports().size() == 1);
    assertThat(server.reports())
        .containsExactly(
            new SessionReport(
                "s1",
                "c1",
                FAILED,
                null,
                0,
                "Xvfb, x11vnc not found on PATH; install the Debian packages: xvfb x11vnc"));
    assertThat(runtime.calls).isEmpty();
  }

  @Test
  void anAppThatExitsByItselfIsReportedWithoutACommandId() {
    server.order(AgentProtocol.START_SESSION, ServerOrders.start("c1", "s1", "xterm"));
    server.order(AgentProtocol.START_SESSION, ServerOrders.start("c2", "s2", "xterm"));
    await().until(() -> server.reports().size() == 4);

    runtime.exit("s1", 0, "the app exited with code 0");
    runtime.exit("s2", 139, "the app was killed by signal 11 (SEGV)");

    await().until(() -> server.reports().size() == 6);
    assertThat(server.reports().subList(4, 6))
        .containsExactlyInAnyOrder(
            new SessionReport("s1", null, STOPPED, null, 0, "the app exited with code 0"),
            new SessionReport(
                "s2", null, FAILED, null, 0, "the app was killed by signal 11 (SEGV)"));
  }

  @Test
  void oneSessionsOrdersRunInArrivalOrderWhileOtherSessionsGoAhead() {
    runtime.holdStart("slow");
    server.order(AgentProtocol.START_SESSION, ServerOrders.start("c1", "slow", "xterm"));
    server.order(AgentProtocol.STOP_SESSION, ServerOrders.stop("c2", "slow"));
    server.order(AgentProtocol.START_SESSION, ServerOrders.start("c3", "quick", "xterm"));

    await().until(() -> reportsOf("quick").size() == 2);
    assertThat(reportsOf("slow")).extracting(SessionReport::status).containsExactly(STARTING);
    assertThat(runtime.calls).doesNotContain("stop slow");

    runtime.release("slow");

    await().until(() -> reportsOf("slow").size() == 3);
    assertThat(reportsOf("slow"))
        .extracting(SessionReport::status)
        .containsExactly(STARTING, RUNNING, STOPPED);
    assertThat(runtime.callsFor("slow")).containsExactly("start slow", "stop slow");
  }

  private List<SessionReport> reportsOf(String sessionId) {
    return server.reports().stream().filter(r -> r.sessionId().equals(sessionId)).toList();
  }
}
