package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.agent.StartSessionOrder;
import io.streamspace.events.common.Requester;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.server.vnc.RfbSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Back-pressure across every hop of a VNC tunnel: a browser that stops reading stops the agent's
 * VNC reads, and a VNC server that stops reading stops the browser's sends. Neither lets any hop
 * buffer without bound: the amounts stop growing.
 */
class VncTunnelBackPressureTest extends AgentIntegrationTest {

  private static final Logger log = LoggerFactory.getLogger(VncTunnelBackPressureTest.class);
  private static final int MESSAGE = 64 * 1024;

  /**
   * The most messages one direction may hold: what the sending and receiving kernels may buffer on
   * one TCP hop (Linux grows a reading socket's buffer up to tcp_rmem's maximum, 32 MB on some
   * machines, so a fixed figure is either loose or flaky), plus each proxy hop's request window
   * ({@code streamspace.vnc.in-flight-messages}, 8) and what one read may deliver at once.
   */
  private static final long HELD_AT_MOST =
      (kernelLimit("tcp_rmem", 6 << 20) + kernelLimit("tcp_wmem", 4 << 20)) / MESSAGE + 4 * 8 + 8;

  @Test
  void aStalledBrowserStallsTheVncSideAndAStalledVncServerStallsTheBrowser() throws Exception {
    Tenant tenant = tenant();
    Requester alice = tenant.user("alice");
    try (ScriptedAgent agent =
        ScriptedAgent.connect(
            port, ScriptedAgent.setup("firehose-" + newId(), issueAgentToken("f"), 2))) {
      agent.inventory();
      String sessionId = createSession(tenant, alice);
      StartSessionOrder start = agent.nextOrder(StartSessionOrder.class);
      agent.running(sessionId, start.commandId());
      awaitStatus(alice, sessionId, SessionStatus.RUNNING);
      eventually(
          () ->
              assertThat(
                      jdbc.queryForObject(
                          "select running_since is not null from session_view where id = ?",
                          Boolean.class,
                          sessionId))
                  .isTrue());
      Map<?, ?> access =
          as(alice)
              .get()
              .uri("/api/v1/sessions/{id}/vnc", sessionId)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(Map.class)
              .returnResult()
              .getResponseBody();

      try (RfbSocket browser = RfbSocket.openStalled((String) access.get("vnc_url"))) {
        // VNC -> browser: the agent streams as fast as it is asked; the browser reads nothing.
        long settled = settledCount(agent.tunnelMessagesSent::get);
        log.info(
            "a stalled browser held the VNC side at {} messages ({} MB) asked of the agent",
            settled,
            settled * MESSAGE / (1024 * 1024));
        assertThat(settled).isPositive().isLessThanOrEqualTo(HELD_AT_MOST);

        // browser -> VNC: the VNC server reads nothing; the browser's sends stop completing.
        byte[] message = new byte[MESSAGE];
        List<CompletableFuture<?>> sends = new ArrayList<>();
        CompletableFuture<?> previous = CompletableFuture.completedFuture(null);
        // Twice what the hops may hold, so the bound below is a real one on any kernel's limits.
        for (int i = 0; i < 2 * HELD_AT_MOST; i++) {
          // java.net.http allows one outstanding send at a time: chain them
          previous = previous.thenCompose(done -> browser.sendAsync(message));
          sends.add(previous);
        }
        long sent = settledCount(() -> sends.stream().filter(CompletableFuture::isDone).count());
        log.info(
            "a stalled VNC server held the browser at {} messages ({} MB) sent",
            sent,
            sent * MESSAGE / (1024 * 1024));
        assertThat(sent).isLessThanOrEqualTo(HELD_AT_MOST).isLessThan(sends.size());
        assertThat(agent.tunnelMessagesReceived.get()).isEqualTo(1); // only the opening
      }
    }
  }

  /** Waits until {@code count} stops changing for two seconds, and returns where it settled. */
  private static long settledCount(java.util.function.LongSupplier count)
      throws InterruptedException {
    long last = -1;
    long now = count.getAsLong();
    for (int round = 0; round < 30 && now != last; round++) {
      last = now;
      Thread.sleep(2000);
      now = count.getAsLong();
    }
    assertThat(now).as("the count stopped growing").isEqualTo(last);
    return now;
  }

  /** The largest buffer Linux may give a socket for {@code name}, or {@code fallback} elsewhere. */
  private static long kernelLimit(String name, long fallback) {
    try {
      // readAllLines, not readString: /proc files report size 0, and JDK 17 then reads one byte
      String[] sizes =
          Files.readAllLines(Path.of("/proc/sys/net/ipv4", name)).get(0).trim().split("\\s+");
      return Long.parseLong(sizes[sizes.length - 1]);
    } catch (IOException | RuntimeException unreadable) {
      return fallback;
    }
  }
}
