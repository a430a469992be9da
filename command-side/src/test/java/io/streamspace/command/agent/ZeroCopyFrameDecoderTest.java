package io.streamspace.command.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZeroCopyFrameDecoderTest {

  private static final int LIMIT = 256 * 1024;
  private static final byte[] ZERO_KEY = {0, 0, 0, 0};
  private static final byte[] KEY = {(byte) 0x9a, 0x11, (byte) 0xf0, 0x3c};

  private final EmbeddedChannel channel = new EmbeddedChannel(new ZeroCopyFrameDecoder(LIMIT));

  @AfterEach
  void release() {
    channel.finishAndReleaseAll();
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 125, 126, 65_535, 65_536, 200_000, LIMIT})
  void aZeroKeyFrameIsASliceOfTheBytesReadEvenWhenItSpansSeveralReads(int size) {
    byte[] payload = random(size);
    byte[] frame = frame(0x82, payload, ZERO_KEY);

    arriveInThreeReads(frame);

    BinaryWebSocketFrame received = channel.readInbound();
    try {
      assertThat(received.isFinalFragment()).isTrue();
      assertThat(received.content().unwrap()).as("a slice of what was read").isNotNull();
      assertThat(bytes(received.content())).isEqualTo(payload);
    } finally {
      received.release();
    }
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 3, 8, 13, 126, 70_001})
  void aFrameWithARealKeyIsUnmasked(int size) {
    byte[] payload = random(size);

    arriveInThreeReads(frame(0x82, payload, KEY));

    BinaryWebSocketFrame received = channel.readInbound();
    try {
      assertThat(bytes(received.content())).isEqualTo(payload);
    } finally {
      received.release();
    }
  }

  @Test
  void aReadWithSeveralFramesGivesEachInOrder() {
    ByteBuf read = Unpooled.buffer();
    read.writeBytes(frame(0x81, "hello".getBytes(StandardCharsets.UTF_8), ZERO_KEY));
    read.writeBytes(frame(0x89, "ping".getBytes(StandardCharsets.UTF_8), KEY));
    read.writeBytes(frame(0x02, new byte[] {1, 2}, ZERO_KEY));
    read.writeBytes(frame(0x80, new byte[] {3}, KEY));

    channel.writeInbound(read);

    TextWebSocketFrame text = channel.readInbound();
    PingWebSocketFrame ping = channel.readInbound();
    BinaryWebSocketFrame start = channel.readInbound();
    ContinuationWebSocketFrame end = channel.readInbound();
    try {
      assertThat(text.text()).isEqualTo("hello");
      assertThat(ping.content().toString(StandardCharsets.UTF_8)).isEqualTo("ping");
      assertThat(start.isFinalFragment()).isFalse();
      assertThat(bytes(start.content())).containsExactly(1, 2);
      assertThat(end.isFinalFragment()).isTrue();
      assertThat(bytes(end.content())).containsExactly(3);
    } finally {
      text.release();
      ping.release();
      start.release();
      end.release();
    }
  }

  @Test
  void aCloseFrameKeepsItsStatusAndReason() {
    ByteBuf body = Unpooled.buffer();
    body.writeShort(1000);
    body.writeBytes("bye".getBytes(StandardCharsets.UTF_8));

    channel.writeInbound(Unpooled.wrappedBuffer(frame(0x88, bytes(body), KEY)));

    CloseWebSocketFrame close = channel.readInbound();
    try {
      assertThat(close.statusCode()).isEqualTo(1000);
      assertThat(close.reasonText()).isEqualTo("bye");
    } finally {
      close.release();
    }
  }

  @Test
  void anUnmaskedFrameFailsTheConnection() {
    ByteBuf unmasked = Unpooled.buffer();
    unmasked.writeByte(0x82).writeByte(2).writeByte(1).writeByte(2);

    assertFailsWith(unmasked, WebSocketCloseStatus.PROTOCOL_ERROR);
  }

  @Test
  void aFrameLargerThanTheLimitFailsTheConnectionBeforeItsPayloadArrives() {
    ByteBuf header = Unpooled.buffer();
    header.writeByte(0x82).writeByte(0x80 | 127).writeLong(LIMIT + 1L).writeBytes(ZERO_KEY);

    assertFailsWith(header, WebSocketCloseStatus.MESSAGE_TOO_BIG);
  }

  @Test
  void aLongControlFrameFailsTheConnection() {
    assertFailsWith(
        Unpooled.wrappedBuffer(frame(0x89, new byte[126], ZERO_KEY)),
        WebSocketCloseStatus.PROTOCOL_ERROR);
  }

  @Test
  void aFragmentedControlFrameFailsTheConnection() {
    assertFailsWith(
        Unpooled.wrappedBuffer(frame(0x09, new byte[1], ZERO_KEY)),
        WebSocketCloseStatus.PROTOCOL_ERROR);
  }

  @Test
  void aContinuationOutsideAFragmentedMessageFailsTheConnection() {
    assertFailsWith(
        Unpooled.wrappedBuffer(frame(0x80, new byte[1], ZERO_KEY)),
        WebSocketCloseStatus.PROTOCOL_ERROR);
  }

  @Test
  void aNewMessageInsideAFragmentedOneFailsTheConnection() {
    channel.writeInbound(Unpooled.wrappedBuffer(frame(0x02, new byte[1], ZERO_KEY)));
    ((WebSocketFrame) channel.readInbound()).release();

    assertFailsWith(
        Unpooled.wrappedBuffer(frame(0x82, new byte[1], ZERO_KEY)),
        WebSocketCloseStatus.PROTOCOL_ERROR);
  }

  @Test
  void reservedBitsAndUnknownOpcodesFailTheConnection() {
    assertFailsWith(
        Unpooled.wrappedBuffer(frame(0xC2, new byte[1], ZERO_KEY)),
        WebSocketCloseStatus.PROTOCOL_ERROR);
    EmbeddedChannel other = new EmbeddedChannel(new ZeroCopyFrameDecoder(LIMIT));
    assertThatThrownBy(
            () -> other.writeInbound(Unpooled.wrappedBuffer(frame(0x83, new byte[1], ZERO_KEY))))
        .isInstanceOf(CorruptedWebSocketFrameException.class);
    other.finishAndReleaseAll();
  }

  @Test
  void aLengthNotInItsShortestFormFailsTheConnection() {
    ByteBuf header = Unpooled.buffer();
    header.writeByte(0x82).writeByte(0x80 | 126).writeShort(5).writeBytes(ZERO_KEY);
    header.writeBytes(new byte[5]);

    assertFailsWith(header, WebSocketCloseStatus.PROTOCOL_ERROR);
  }

  @Test
  void aCloseFrameWithAnInvalidStatusOrReasonFailsTheConnection() {
    ByteBuf badStatus = Unpooled.buffer().writeShort(1005);
    assertFailsWith(
        Unpooled.wrappedBuffer(frame(0x88, bytes(badStatus), ZERO_KEY)),
        WebSocketCloseStatus.PROTOCOL_ERROR);

    EmbeddedChannel other = new EmbeddedChannel(new ZeroCopyFrameDecoder(LIMIT));
    ByteBuf badReason = Unpooled.buffer().writeShort(1000).writeByte(0xC3).writeByte(0x28);
    assertThatThrownBy(
            () ->
                other.writeInbound(Unpooled.wrappedBuffer(frame(0x88, bytes(badReason), ZERO_KEY))))
        .isInstanceOf(CorruptedWebSocketFrameException.class);
    other.finishAndReleaseAll();
  }

  private void assertFailsWith(ByteBuf read, WebSocketCloseStatus status) {
    assertThatThrownBy(() -> channel.writeInbound(read))
        .isInstanceOfSatisfying(
            CorruptedWebSocketFrameException.class,
            failure -> assertThat(failure.closeStatus()).isEqualTo(status));
    CloseWebSocketFrame close = channel.readOutbound();
    try {
      assertThat(close.statusCode()).isEqualTo(status.code());
    } finally {
      close.release();
    }
    assertThat(channel.isOpen()).as("closed after the close frame").isFalse();
    assertThat((Object) channel.readInbound()).isNull();
  }

  private void arriveInThreeReads(byte[] frame) {
    int third = frame.length / 3;
    channel.writeInbound(Unpooled.wrappedBuffer(frame, 0, third));
    channel.writeInbound(Unpooled.wrappedBuffer(frame, third, third));
    channel.writeInbound(Unpooled.wrappedBuffer(frame, 2 * third, frame.length - 2 * third));
  }

  /** A client frame: first byte (FIN, opcode), masked with {@code key}. */
  static byte[] frame(int firstByte, byte[] payload, byte[] key) {
    ByteBuf frame = Unpooled.buffer();
    frame.writeByte(firstByte);
    if (payload.length < 126) {
      frame.writeByte(0x80 | payload.length);
    } else if (payload.length < 65_536) {
      frame.writeByte(0x80 | 126).writeShort(payload.length);
    } else {
      frame.writeByte(0x80 | 127).writeLong(payload.length);
    }
    frame.writeBytes(key);
    for (int i = 0; i < payload.length; i++) {
      frame.writeByte(payload[i] ^ key[i % 4]);
    }
    return bytes(frame);
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static byte[] bytes(ByteBuf buffer) {
    byte[] bytes = new byte[buffer.readableBytes()];
    buffer.getBytes(buffer.readerIndex(), bytes);
    return bytes;
  }
}
