package io.streamspace.command.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import io.streamspace.events.agent.AgentProtocol;
import java.lang.reflect.Field;
import java.util.Random;
import org.junit.jupiter.api.Test;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

class WebSocketReadsTest {

  @Test
  void anAgentLinkGetsTheZeroCopyDecoderAfterItsUpgrade() {
    EmbeddedChannel channel = watchedChannel();
    assertThat(channel.pipeline().get(WebSocketReads.NAME)).isNotNull();

    upgrade(channel, AgentProtocol.PATH + "?attempt=1");

    assertThat(channel.pipeline().get(WebSocket08FrameDecoder.class)).isNull();
    assertThat(channel.pipeline().get(ZeroCopyFrameDecoder.class)).isNotNull();
    assertThat(channel.pipeline().get(WebSocketReads.NAME)).as("done watching").isNull();

    byte[] payload = largePayload();
    BinaryWebSocketFrame received = arriveInThreeReads(channel, payload, new byte[] {0, 0, 0, 0});
    try {
      assertThat(received.content().unwrap()).as("a slice of what was read").isNotNull();
      assertThat(bytesOf(received)).isEqualTo(payload);
    } finally {
      received.release();
    }
    channel.finishAndReleaseAll();
  }

  @Test
  void otherWebSocketsKeepNettysDecoderGatheringSplitFramesWithoutCopyingTheReadsTogether()
      throws Exception {
    EmbeddedChannel channel = watchedChannel();

    upgrade(channel, "/ws/vnc?token=abc");

    WebSocket08FrameDecoder decoder = channel.pipeline().get(WebSocket08FrameDecoder.class);
    assertThat(cumulatorOf(decoder)).isSameAs(ByteToMessageDecoder.COMPOSITE_CUMULATOR);
    assertThat(channel.pipeline().get(WebSocketReads.NAME)).as("done watching").isNull();

    byte[] payload = largePayload();
    BinaryWebSocketFrame received = arriveInThreeReads(channel, payload, new byte[] {1, 2, 3, 4});
    try {
      assertThat(bytesOf(received)).isEqualTo(payload);
    } finally {
      received.release();
    }
    channel.finishAndReleaseAll();
  }

  private static EmbeddedChannel watchedChannel() {
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.pipeline().addLast(NettyPipeline.HttpCodec, new HttpServerCodec());
    WebSocketReads.watch(channel);
    return channel;
  }

  private static byte[] largePayload() {
    byte[] payload = new byte[200_000];
    new Random(7).nextBytes(payload);
    return payload;
  }

  /** Sends {@code payload} as one binary frame masked with {@code key}, in three reads. */
  private static BinaryWebSocketFrame arriveInThreeReads(
      EmbeddedChannel channel, byte[] payload, byte[] key) {
    byte[] frame = ZeroCopyFrameDecoderTest.frame(0x82, payload, key);
    int third = frame.length / 3;
    channel.writeInbound(Unpooled.wrappedBuffer(frame, 0, third));
    channel.writeInbound(Unpooled.wrappedBuffer(frame, third, third));
    channel.writeInbound(Unpooled.wrappedBuffer(frame, 2 * third, frame.length - 2 * third));
    return channel.readInbound();
  }

  private static byte[] bytesOf(BinaryWebSocketFrame frame) {
    byte[] bytes = new byte[frame.content().readableBytes()];
    frame.content().getBytes(frame.content().readerIndex(), bytes);
    return bytes;
  }

  @Test
  void connectionsReadUpTo256KbAtATime() {
    HttpServer server = (HttpServer) WebSocketReads.customizer().apply(HttpServer.create());

    assertThat((Object) server.configuration().childOptions().get(ChannelOption.RCVBUF_ALLOCATOR))
        .isSameAs(WebSocketReads.READS);
    RecvByteBufAllocator.Handle reads = WebSocketReads.READS.newHandle();
    assertThat(reads.guess()).as("a new connection's first read").isEqualTo(2048);
    assertThat(WebSocketReads.MAX_READ_BYTES).isEqualTo(256 * 1024);
  }

  @Test
  void connectionsThatAnswerWithoutUpgradingKeepTheirHttpPipeline() {
    EmbeddedChannel channel = watchedChannel();

    channel.writeOutbound(
        new io.netty.handler.codec.http.DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, io.netty.handler.codec.http.HttpResponseStatus.OK));

    assertThat(channel.pipeline().get(WebSocketReads.NAME)).isNotNull();
    assertThat(channel.pipeline().get(WebSocket08FrameDecoder.class)).isNull();
    channel.finishAndReleaseAll();
  }

  private static void upgrade(EmbeddedChannel channel, String uri) {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    request.headers().set("Host", "localhost");
    request.headers().set("Upgrade", "websocket");
    request.headers().set("Connection", "Upgrade");
    request.headers().set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    request.headers().set("Sec-WebSocket-Version", "13");
    // the request passes the watcher on its way in, as on a server
    channel.pipeline().fireChannelRead(request.retain());
    new WebSocketServerHandshakerFactory("ws://localhost" + uri, null, false, 1 << 20)
        .newHandshaker(request)
        .handshake(channel, request);
    channel.runPendingTasks();
    Object passed;
    while ((passed = channel.readOutbound()) != null || (passed = channel.readInbound()) != null) {
      ReferenceCountUtil.release(passed);
    }
  }

  private static Object cumulatorOf(ByteToMessageDecoder decoder) throws Exception {
    Field field = ByteToMessageDecoder.class.getDeclaredField("cumulator");
    field.setAccessible(true);
    return field.get(decoder);
  }
}
