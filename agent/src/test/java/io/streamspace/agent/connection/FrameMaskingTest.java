package io.streamspace.agent.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.rsocket.DuplexConnection;
import io.streamspace.events.agent.AgentProtocol;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

class FrameMaskingTest {

  private static final byte[] PAYLOAD = "a framebuffer update".getBytes(StandardCharsets.US_ASCII);

  private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
  private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
  private DisposableServer server;
  private DuplexConnection connection;

  @BeforeEach
  void startServer() {
    server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            // Sees the bytes as they arrive, before any decoding.
            .doOnChannelInit(
                (observer, channel, remoteAddress) ->
                    channel
                        .pipeline()
                        .addFirst(
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof ByteBuf bytes) {
                                  byte[] copy = new byte[bytes.readableBytes()];
                                  bytes.getBytes(bytes.readerIndex(), copy);
                                  synchronized (wire) {
                                    wire.writeBytes(copy);
                                  }
                                }
                                ctx.fireChannelRead(msg);
                              }
                            }))
            .route(
                routes ->
                    routes.ws(
                        AgentProtocol.PATH,
                        (in, out) -> in.receive().asByteArray().doOnNext(received::add).then(),
                        WebsocketServerSpec.builder()
                            .maxFramePayloadLength(AgentProtocol.MAX_FRAME_BYTES)
                            .build()))
            .bindNow();
  }

  @AfterEach
  void stop() {
    if (connection != null) {
      connection.dispose();
    }
    server.disposeNow();
  }

  @Test
  void withoutRandomKeysFramesCarryTheZeroKeyAndArriveIntact() throws Exception {
    int key = sendOneFrame(FrameMasking.NEVER, PAYLOAD);

    assertThat(key).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {1_000, 3_000, 70_000, 200_000})
  void zeroKeyFramesOfEverySizeArriveIntact(int size) throws Exception {
    byte[] payload = new byte[size];
    new Random(size).nextBytes(payload);

    int key = sendOneFrame(FrameMasking.NEVER, payload);

    assertThat(key).isZero();
  }

  @Test
  void withRandomKeysFramesAreMaskedAndArriveIntact() throws Exception {
    int key = sendOneFrame(FrameMasking.ALWAYS, PAYLOAD);

    assertThat(key).isNotZero();
  }

  @Test
  void autoSkipsMaskingOnlyWhereNoProxyCanReadTheBytes() {
    assertThat(FrameMasking.AUTO.randomKeys(URI.create("http://localhost:8000"))).isFalse();
    assertThat(FrameMasking.AUTO.randomKeys(URI.create("http://127.0.0.1:8000"))).isFalse();
    assertThat(FrameMasking.AUTO.randomKeys(URI.create("http://[::1]:8000"))).isFalse();
    assertThat(FrameMasking.AUTO.randomKeys(URI.create("https://streamspace.example.com")))
        .isFalse();
    assertThat(FrameMasking.AUTO.randomKeys(URI.create("http://10.0.0.7:8000"))).isTrue();

    assertThat(FrameMasking.ALWAYS.randomKeys(URI.create("http://localhost:8000"))).isTrue();
    assertThat(FrameMasking.NEVER.randomKeys(URI.create("http://10.0.0.7:8000"))).isFalse();
  }

  /** Sends {@code payload} as one frame; returns the masking key it crossed the wire with. */
  private int sendOneFrame(FrameMasking masking, byte[] payload) throws Exception {
    URI url = URI.create("http://127.0.0.1:" + server.port());
    connection =
        AgentTransport.to(url, masking, Duration.ofSeconds(5))
            .connect()
            .block(Duration.ofSeconds(10));
    assertThat(connection).isNotNull();

    connection.sendFrame(0, Unpooled.wrappedBuffer(payload));

    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo(payload);
    byte[] bytes;
    synchronized (wire) {
      bytes = wire.toByteArray();
    }
    int frame = indexAfterHeaders(bytes);
    assertThat(bytes[frame] & 0xff).as("a final binary frame").isEqualTo(0x82);
    assertThat(bytes[frame + 1] & 0x80).as("the mask bit").isEqualTo(0x80);
    ByteBuf header = Unpooled.wrappedBuffer(bytes, frame + 1, bytes.length - frame - 1);
    int code = header.readUnsignedByte() & 0x7f;
    long length = code < 126 ? code : code == 126 ? header.readUnsignedShort() : header.readLong();
    assertThat(length).as("the payload length").isEqualTo(payload.length);
    return header.readInt();
  }

  private static int indexAfterHeaders(byte[] bytes) {
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + end.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + end.length, end, 0, end.length)) {
        return i + end.length;
      }
    }
    throw new AssertionError("no end of the handshake request in what the server read");
  }
}
