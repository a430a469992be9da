package io.streamspace.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.rsocket.Payload;
import io.rsocket.util.DefaultPayload;
import io.streamspace.agent.connection.WireFormat;
import io.streamspace.agent.vnc.VncTunnels;
import io.streamspace.events.agent.OpenVncTunnel;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/** The agent's end of VNC tunnels against real TCP servers standing in for a session's x11vnc. */
class VncTunnelsTest {

  private final JsonMapper mapper = WireFormat.jsonMapper();
  private final RecordingRuntime runtime = new RecordingRuntime();
  private final VncTunnels tunnels = new VncTunnels(runtime, mapper);
  private ServerSocket vnc;

  @BeforeEach
  void listen() throws Exception {
    vnc = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void close() throws Exception {
    vnc.close();
    tunnels.closeAll();
  }

  @Test
  void bytesPassUnchangedBothWays() throws Exception {
    runtime.running("s-1", vnc.getLocalPort());
    CompletableFuture<Void> echo =
        CompletableFuture.runAsync(
            () -> {
              try (Socket client = vnc.accept()) {
                client.getInputStream().transferTo(client.getOutputStream());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Sinks.Many<Payload> browser = Sinks.many().unicast().onBackpressureBuffer();
    StringBuffer received = new StringBuffer();
    CompletableFuture<Void> ended =
        tunnels
            .tunnel(opening("s-1"), browser.asFlux())
            .doOnNext(payload -> received.append(payload.getDataUtf8()))
            .then()
            .toFuture();
    Awaitility.await().until(() -> tunnels.openCount() == 1);
    browser.tryEmitNext(DefaultPayload.create("RFB 003.008\n"));
    browser.tryEmitNext(DefaultPayload.create("hello"));
    Awaitility.await().until(() -> received.toString().equals("RFB 003.008\nhello"));
    browser.tryEmitComplete(); // the browser left: the VNC connection closes, the answer ends
    ended.get(10, TimeUnit.SECONDS);
    echo.get(10, TimeUnit.SECONDS);
    Awaitility.await().until(() -> tunnels.openCount() == 0);
  }

  @Test
  void aBrowserThatStopsReadingStopsTheReadsFromTheVncServer() throws Exception {
    runtime.running("s-1", vnc.getLocalPort());
    AtomicLong written = new AtomicLong();
    CompletableFuture<Void> firehose =
        CompletableFuture.runAsync(
            () -> {
              try (Socket client = vnc.accept()) {
                OutputStream out = client.getOutputStream();
                byte[] chunk = new byte[64 * 1024];
                while (true) {
                  out.write(chunk);
                  written.addAndGet(chunk.length);
                }
              } catch (Exception closed) {
                // the tunnel ended
              }
            });
    BaseSubscriber<Payload> stalled =
        new BaseSubscriber<>() {
          @Override
          protected void hookOnSubscribe(Subscription subscription) {
            request(1);
          }

          @Override
          protected void hookOnNext(Payload payload) {
            payload.release();
          }
        };
    tunnels.tunnel(opening("s-1"), Flux.never()).subscribe(stalled);

    long settled = settle(written);
    // what the kernel's socket buffers hold, plus one read: nothing grows in the agent
    assertThat(settled).isPositive().isLessThan(16L * 1024 * 1024);

    stalled.dispose(); // the server cancels the channel: the VNC connection closes
    firehose.get(10, TimeUnit.SECONDS);
    Awaitility.await().until(() -> tunnels.openCount() == 0);
  }

  @Test
  void aTunnelToASessionThatDoesNotRunHereFailsWithTheReason() {
    runtime.running("s-1", vnc.getLocalPort());
    runtime.hibernate("s-1");
    assertThat(
            tunnels
                .tunnel(opening("s-1"), Flux.never())
                .then()
                .onErrorResume(e -> reactor.core.publisher.Mono.error(e))
                .materialize()
                .block(Duration.ofSeconds(5))
                .getThrowable())
        .hasMessage("session s-1 is not running on this agent");
    assertThat(
            tunnels
                .tunnel(DefaultPayload.create("{not json"), Flux.never())
                .materialize()
                .blockFirst(Duration.ofSeconds(5))
                .getThrowable())
        .hasMessage("the tunnel request is malformed");
  }

  @Test
  void aVncServerThatClosesEndsTheTunnel() throws Exception {
    runtime.running("s-1", vnc.getLocalPort());
    CompletableFuture.runAsync(
        () -> {
          try (Socket client = vnc.accept()) {
            client.getOutputStream().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    String received =
        tunnels
            .tunnel(opening("s-1"), Flux.never())
            .map(Payload::getDataUtf8)
            .reduce(String::concat)
            .block(Duration.ofSeconds(10));
    assertThat(received).isEqualTo("RFB 003.008\n");
    Awaitility.await().until(() -> tunnels.openCount() == 0);
  }

  private Payload opening(String sessionId) {
    return DefaultPayload.create(mapper.writeValueAsString(new OpenVncTunnel("t-1", sessionId)));
  }

  /** Waits until {@code count} stops changing for a second and returns where it settled. */
  private static long settle(AtomicLong count) throws InterruptedException {
    long last = -1;
    long now = count.get();
    for (int round = 0; round < 30 && now != last; round++) {
      last = now;
      Thread.sleep(1000);
      now = count.get();
    }
    assertThat(now).as("stopped growing").isEqualTo(last);
    return now;
  }
}
