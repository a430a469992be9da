package io.streamspace.agent.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import java.util.List;

/**
 * Writes WebSocket client frames with the masking key zero (ADR 0007): the mask bit set and four
 * zero bytes in the header, the payload as it is. Netty's own encoder, given a key of zero, skips
 * the XOR but still copies every payload into a new buffer behind the header; this one sends a
 * large payload as a second buffer and copies nothing.
 */
final class ZeroKeyFrameEncoder extends MessageToMessageEncoder<WebSocketFrame>
    implements WebSocketFrameEncoder {

  // Below this a payload is copied behind its header: one buffer to write beats two.
  private static final int SEPARATE_FROM_BYTES = 1024;
  private static final int MAX_CONTROL_PAYLOAD = 125;

  ZeroKeyFrameEncoder() {
    super(WebSocketFrame.class);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out)
      throws TooLongFrameException {
    ByteBuf data = frame.content();
    int length = data.readableBytes();
    int opcode = opcode(frame);
    if (opcode >= 8 && length > MAX_CONTROL_PAYLOAD) {
      throw new TooLongFrameException("a control frame's payload must be at most 125 bytes");
    }
    int lengthBytes = length <= MAX_CONTROL_PAYLOAD ? 0 : length <= 0xFFFF ? 2 : 8;
    int headerLength = 2 + lengthBytes + 4;
    boolean separate = length >= SEPARATE_FROM_BYTES;
    ByteBuf header = ctx.alloc().buffer(separate ? headerLength : headerLength + length);
    try {
      header.writeByte((frame.isFinalFragment() ? 0x80 : 0) | (frame.rsv() & 0x7) << 4 | opcode);
      if (lengthBytes == 0) {
        header.writeByte(0x80 | length);
      } else if (lengthBytes == 2) {
        header.writeByte(0x80 | 126);
        header.writeShort(length);
      } else {
        header.writeByte(0x80 | 127);
        header.writeLong(length);
      }
      header.writeInt(0); // the masking key
      if (separate) {
        out.add(header);
        out.add(data.retain());
      } else {
        header.writeBytes(data, data.readerIndex(), length);
        out.add(header);
      }
    } catch (RuntimeException e) {
      header.release();
      throw e;
    }
  }

  private static int opcode(WebSocketFrame frame) {
    if (frame instanceof BinaryWebSocketFrame) {
      return 0x2;
    }
    if (frame instanceof TextWebSocketFrame) {
      return 0x1;
    }
    if (frame instanceof ContinuationWebSocketFrame) {
      return 0x0;
    }
    if (frame instanceof CloseWebSocketFrame) {
      return 0x8;
    }
    if (frame instanceof PingWebSocketFrame) {
      return 0x9;
    }
    if (frame instanceof PongWebSocketFrame) {
      return 0xA;
    }
    // WebSocketFrame's six subclasses are the protocol's opcodes; nothing else reaches an encoder.
    throw new IllegalArgumentException("not a WebSocket frame type: " + frame.getClass().getName());
  }
}
