package io.streamspace.agent;

import static io.streamspace.events.agent.ReportedStatus.HIBERNATED;
import static io.streamspace.events.agent.ReportedStatus.RUNNING;
import static io.streamspace.events.agent.ReportedStatus.STARTING;
import static io.streamspace.events.agent.ReportedStatus.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamspace.agent.runtime.local.LocalRuntime;
import io.streamspace.agent.runtime.local.LocalRuntimeProperties;
import io.streamspace.events.agent.AgentCapacity;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.OrderReceipt;
import io.streamspace.events.agent.SessionReport;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent over the real local runtime: an order from the server end starts Xvfb, xterm and
 * x11vnc, and the endpoint it reports answers with an RFB banner (Debian: xvfb x11vnc xterm).
 */
class AgentWithLocalRuntimeTest {

  @TempDir Path dataDir;
  LocalRuntime runtime;
  ServerEnd server;
  Agent agent;

  @BeforeEach
  void connect() {
    runtime = new LocalRuntime(LocalRuntimeProperties.defaults(dataDir));
    assertThat(runtime.availability().available())
        .as("%s", runtime.availability().reason())
        .isTrue();
    server = ServerEnd.start();
    agent =
        new Agent(
            AgentSettings.of(
                server.url(), "agent-token", "agent-local", new AgentCapacity(2, 0, 0)),
            runtime);
    agent.start();
    await().until(agent::connected);
  }

  @AfterEach
  void disconnect() {
    agent.close();
    server.close();
    runtime.close();
  }

  @Test
  void anOrderedXtermRunsAndItsReportedEndpointAnswersWithAnRfbBanner() throws Exception {
    assertThat(server.order(AgentProtocol.START_SESSION, ServerOrders.start("c1", "s1", "xterm")))
        .isEqualTo(OrderReceipt.accepted("c1"));

    await().atMost(Duration.ofSeconds(30)).until(() -> server.reports().size() == 2);
    SessionReport running = server.reports().get(1);
    assertThat(server.reports().get(0).status()).isEqualTo(STARTING);
    assertThat(running.status()).isEqualTo(RUNNING);
    assertThat(running.commandId()).isEqualTo("c1");
    assertThat(running.vncHost()).isEqualTo("127.0.0.1");
    assertThat(rfbBanner(running.vncHost(), running.vncPort())).startsWith("RFB 003.00");

    server.order(AgentProtocol.HIBERNATE_SESSION, ServerOrders.hibernate("c2", "s1"));
    server.order(AgentProtocol.STOP_SESSION, ServerOrders.stop("c3", "s1"));

    await().atMost(Duration.ofSeconds(30)).until(() -> server.reports().size() == 4);
    assertThat(server.reports().subList(2, 4))
        .extracting(SessionReport::status)
        .containsExactly(HIBERNATED, STOPPED);
    assertThat(runtime.list()).isEmpty();
  }

  private static String rfbBanner(String host, int port) throws Exception {
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(5000);
      InputStream in = socket.getInputStream();
      return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
    }
  }
}
