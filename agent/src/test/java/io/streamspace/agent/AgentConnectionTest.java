package io.streamspace.agent;

import static io.streamspace.events.agent.ReportedStatus.RUNNING;
import static io.streamspace.events.agent.ReportedStatus.STARTING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.streamspace.agent.ServerEnd.Seen;
import io.streamspace.agent.connection.Backoff;
import io.streamspace.agent.runtime.SessionSpec;
import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.AgentSetup;
import io.streamspace.events.agent.BackendKind;
import io.streamspace.events.agent.Heartbeat;
import io.streamspace.events.agent.Inventory;
import io.streamspace.events.agent.OrderReceipt;
import io.streamspace.events.agent.SessionReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The agent's connection: setup, inventory first, heartbeats, reconnects and what survives them.
 */
@ExtendWith(OutputCaptureExtension.class)
class AgentConnectionTest {

  static final String TOKEN = "sat_secret-token-value";
  static final Backoff.Policy QUICK =
      new Backoff.Policy(Duration.ofMillis(50), 2, Duration.ofMillis(400));

  final RecordingRuntime runtime = new RecordingRuntime();
  final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void theSetupCarriesTheAgentsIdBackendCapacityVersionAndToken() {
    ServerEnd server = serverEnd();
    startAgent(settings(server));

    await().until(() -> !server.setups.isEmpty());
    AgentSetup setup = server.setups.get(0);
    assertThat(setup.agentId()).isEqualTo("agent-1");
    assertThat(setup.backend()).isEqualTo(BackendKind.LOCAL);
    assertThat(setup.capacity()).isEqualTo(new AgentCapacity(4, 2000, 4096));
    assertThat(setup.version()).isEqualTo(AgentProtocol.VERSION);
    assertThat(setup.token()).isEqualTo(TOKEN);
  }

  @Test
  void aTokenReplacedInItsFileIsPresentedOnTheNextConnection(@TempDir Path dir) throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("agent.token"), "sat_first\n");
    ServerEnd server = serverEnd();
    Agent agent = startAgent(settings(server).withTokenFile(tokenFile));
    await().until(agent::connected);

    Files.writeString(tokenFile, "sat_second\n"); // e.g. the server issued its local agent anew
    server.dropConnections();

    await().until(() -> server.setups.size() == 2);
    assertThat(server.setups)
        .extracting(AgentSetup::token)
        .containsExactly("sat_first", "sat_second");
  }

  @Test
  void theInventoryIsTheFirstThingSentOnEveryConnection() {
    runtime.start(spec("s1"));
    ServerEnd server = serverEnd();
    Agent agent = startAgent(settings(server).withHeartbeatInterval(Duration.ofMillis(20)));
    await().until(() -> server.seenOn(1).size() >= 3); // the inventory and some heartbeats

    server.dropConnections();

    await().until(() -> server.seenOn(2).size() >= 3);
    for (int connection : List.of(1, 2)) {
      Seen first = server.seenOn(connection).get(0);
      assertThat(first.route()).isEqualTo(AgentProtocol.INVENTORY);
      assertThat(((Inventory) first.payload()).sessions())
          .containsExactly(new Inventory.Entry("s1", RUNNING, "127.0.0.1", 5901));
    }
    await().until(agent::connected);
    assertThat(server.mostOpenAtOnce()).isEqualTo(1);
  }

  @Test
  void reportsTheServerDidNotAcknowledgeAreSentAgainInOrderWhenItComesBack() {
    ServerEnd first = serverEnd();
    first.answerReports(false);
    Agent agent = startAgent(settings(first));
    await().until(agent::connected);
    assertThat(first.order(AgentProtocol.START_SESSION, ServerOrders.start("c1", "s1", "xterm")))
        .isEqualTo(OrderReceipt.accepted("c1"));
    await().until(() -> agent.pendingReports().size() == 2 && first.reports().size() == 1);

    first.close(); // gone without answering: both reports stay in the outbox
    ServerEnd second = serverEnd(ServerEnd.startOn(first.port()));

    await().until(() -> second.reports().size() == 2);
    List<Seen> seen = second.seenOn(1).stream().filter(s -> !isHeartbeat(s)).toList();
    assertThat(seen)
        .extracting(Seen::route)
        .containsExactly(AgentProtocol.INVENTORY, AgentProtocol.REPORT, AgentProtocol.REPORT);
    assertThat(second.reports())
        .containsExactly(
            new SessionReport("s1", "c1", STARTING, null, 0, null),
            new SessionReport("s1", "c1", RUNNING, "127.0.0.1", 5901, null));
    await().until(() -> agent.pendingReports().isEmpty());
    assertThat(runtime.calls).containsExactly("start s1");
  }

  @Test
  void heartbeatsArriveAtTheConfiguredIntervalWithTheMachinesUsage() {
    runtime.start(spec("s1"));
    runtime.start(spec("s2"));
    ServerEnd server = serverEnd();
    startAgent(settings(server).withHeartbeatInterval(Duration.ofMillis(200)));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.payloads(AgentProtocol.HEARTBEAT, Heartbeat.class).size() >= 6);

    List<Long> times =
        server.seen.stream().filter(AgentConnectionTest::isHeartbeat).map(Seen::atNanos).toList();
    double meanGapMillis = (times.get(5) - times.get(0)) / 5 / 1e6;
    assertThat(meanGapMillis).isBetween(170.0, 300.0);
    Heartbeat heartbeat = server.payloads(AgentProtocol.HEARTBEAT, Heartbeat.class).get(5);
    assertThat(heartbeat.sessions()).isEqualTo(2);
    assertThat(heartbeat.memoryMbUsed()).isPositive();
    assertThat(heartbeat.cpuMillisUsed())
        .isBetween(0, Runtime.getRuntime().availableProcessors() * 1000);
    assertThat(heartbeat.loadAverage()).isNotNegative();
    assertThat(heartbeat.sentAt()).isNotNull();
  }

  @Test
  void aRefusedSetupIsLoggedWithTheServersReasonAndRetriedWithGrowingDelays(CapturedOutput output) {
    ServerEnd server = serverEnd();
    server.rejectNextSetups(4, "unknown agent token");
    // Jitter at the top of its range: each delay is its ceiling, 200, 400, 800 and 1600 ms.
    Agent agent =
        startAgent(
            settings(server)
                .withReconnect(
                    new Backoff.Policy(Duration.ofMillis(200), 2, Duration.ofSeconds(5))),
            new TopOfRange());

    await().atMost(Duration.ofSeconds(15)).until(agent::connected);

    assertThat(server.setups).hasSize(5);
    long[] delays = {200, 400, 800, 1600};
    for (int i = 0; i < delays.length; i++) {
      double gapMillis = (server.setupTimes.get(i + 1) - server.setupTimes.get(i)) / 1e6;
      // At least the delay, plus what one refused connection attempt takes.
      assertThat(gapMillis).isBetween(delays[i] * 0.99, delays[i] + 300.0);
    }
    assertThat(output).contains("the server refused this agent: unknown agent token");
    assertThat(output).doesNotContain(TOKEN);
  }

  @Test
  void anOversizedFrameFromTheServerDropsOnlyThatConnection() {
    ServerEnd server = serverEnd();
    Agent agent = startAgent(settings(server));
    await().until(agent::connected);
    String huge = "x".repeat(AgentProtocol.MAX_FRAME_BYTES + 1024);

    assertThatThrownBy(
            () ->
                server.order(
                    AgentProtocol.START_SESSION,
                    ServerOrders.start("c1", "big", Map.of("HUGE", huge), "xterm")))
        .isInstanceOf(RuntimeException.class);

    await().until(() -> server.connections() == 2 && agent.connected());
    assertThat(server.order(AgentProtocol.START_SESSION, ServerOrders.start("c2", "s1", "xterm")))
        .isEqualTo(OrderReceipt.accepted("c2"));
    await().until(() -> server.reports().size() == 2);
    assertThat(runtime.calls).containsExactly("start s1");
  }

  private ServerEnd serverEnd() {
    return serverEnd(ServerEnd.start());
  }

  private ServerEnd serverEnd(ServerEnd server) {
    toClose.add(server);
    return server;
  }

  private AgentSettings settings(ServerEnd server) {
    return AgentSettings.of(server.url(), TOKEN, "agent-1", new AgentCapacity(4, 2000, 4096))
        .withReconnect(QUICK);
  }

  private Agent startAgent(AgentSettings settings) {
    return startAgent(settings, new java.util.Random(1));
  }

  private Agent startAgent(AgentSettings settings, RandomGenerator jitter) {
    Agent agent = new Agent(settings, runtime, jitter);
    toClose.add(agent);
    agent.start();
    return agent;
  }

  private static boolean isHeartbeat(Seen seen) {
    return seen.route().equals(AgentProtocol.HEARTBEAT);
  }

  private static SessionSpec spec(String sessionId) {
    return new SessionSpec(sessionId, "alice", List.of("xterm"), Map.of(), null);
  }

  /** Draws every delay at the top of its range. */
  private static final class TopOfRange implements RandomGenerator {
    @Override
    public long nextLong() {
      return Long.MAX_VALUE;
    }

    @Override
    public double nextDouble() {
      return 0.999;
    }
  }
}
