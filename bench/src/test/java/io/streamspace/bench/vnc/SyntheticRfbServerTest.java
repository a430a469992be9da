package io.streamspace.bench.vnc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The benchmark's synthetic VNC server and its client, over direct TCP. */
class SyntheticRfbServerTest {

  @Test
  void itGreetsLikeAVncServerThenStreamsWhatTheReaderTakes() throws Exception {
    try (SyntheticRfbServer server = SyntheticRfbServer.start(0);
        SyntheticClient client = SyntheticClient.connect(Transport.tcp("direct", server.port()))) {
      client.stream(64 * 1024);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (client.received() < 4 * 64 * 1024 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(client.received()).isGreaterThanOrEqualTo(4 * 64 * 1024);
    }
  }

  @Test
  void anEchoComesBackWholeAndIsTimedFromItsSlot() throws Exception {
    try (SyntheticRfbServer server = SyntheticRfbServer.start(0);
        SyntheticClient client = SyntheticClient.connect(Transport.tcp("direct", server.port()))) {
      client.echoMode();
      long slot = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(5);
      long rtt = client.echo(ByteBuffer.wrap(new byte[64]), slot);
      assertThat(rtt).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
      assertThat(client.received()).isEqualTo(64);
    }
  }

  @Test
  void aThroughputMeasurementCountsBytesOverItsWindow() throws Exception {
    try (SyntheticRfbServer server = SyntheticRfbServer.start(0)) {
      VncTunnelBenchmark.Throughput measured =
          VncTunnelBenchmark.throughput(
              new VncTunnelBenchmark.Route(Transport.tcp("direct", server.port()), () -> 0),
              2,
              65536,
              1,
              1);
      assertThat(measured.streams()).isEqualTo(2);
      assertThat(measured.bytes()).isPositive();
      assertThat(measured.megabytesPerSecond()).isPositive();
    }
  }

  @Test
  void aReadinessProbeThatOnlyReadsTheBannerIsServed() throws Exception {
    try (SyntheticRfbServer server = SyntheticRfbServer.start(0);
        java.net.Socket probe = new java.net.Socket("127.0.0.1", server.port())) {
      assertThat(new String(probe.getInputStream().readNBytes(12), "US-ASCII"))
          .isEqualTo("RFB 003.008\n");
    }
  }
}
