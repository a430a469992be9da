package io.streamspace.command.agent;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the WebSocket frames an agent sends on its link (RFC 6455, client to server: every frame
 * masked) without copying their payloads: a frame whose masking key is zero, as agents send them to
 * a server on the same machine or over TLS (ADR 0007), becomes a slice of the bytes as they were
 * read, gathered as a list of reads when it spans several. Netty's decoder copies every payload
 * into a new buffer, which was the largest user-space cost left on a VNC tunnel's way through the
 * server. Frames with a real key are unmasked into a copy, as Netty does.
 *
 * <p>It enforces what Netty's decoder enforces on a server: masked frames only, the size limit, no
 * reserved bits (the link negotiates no extension), known opcodes, short and final control frames,
 * continuation only within a fragmented message, a valid close code and UTF-8 reason; anything else
 * fails the connection with close status 1002 (1009 for a frame too large).
 */
final class ZeroCopyFrameDecoder extends ByteToMessageDecoder implements WebSocketFrameDecoder {

  private static final int MAX_CONTROL_PAYLOAD = 125;
  private static final int OPCODE_CONTINUATION = 0x0;
  private static final int OPCODE_TEXT = 0x1;
  private static final int OPCODE_BINARY = 0x2;
  private static final int OPCODE_CLOSE = 0x8;
  private static final int OPCODE_PING = 0x9;
  private static final int OPCODE_PONG = 0xA;

  private final int maxFramePayloadLength;
  private boolean inFragmentedMessage;
  private boolean failed;

  ZeroCopyFrameDecoder(int maxFramePayloadLength) {
    this.maxFramePayloadLength = maxFramePayloadLength;
    setCumulator(COMPOSITE_CUMULATOR);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int start = in.readerIndex();
    int available = in.readableBytes();
    if (available < 2) {
      return;
    }
    int first = in.getUnsignedByte(start);
    int second = in.getUnsignedByte(start + 1);
    boolean fin = (first & 0x80) != 0;
    int rsv = (first & 0x70) >> 4;
    int opcode = first & 0x0F;
    if ((second & 0x80) == 0) {
      fail(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR, "a client frame must be masked");
      return;
    }
    if (rsv != 0) {
      fail(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR, "reserved bits set: " + rsv);
      return;
    }
    int shortLength = second & 0x7F;
    int headerLength = 2 + (shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0) + 4;
    if (available < headerLength) {
      return;
    }
    long length;
    if (shortLength == 126) {
      length = in.getUnsignedShort(start + 2);
    } else if (shortLength == 127) {
      length = in.getLong(start + 2);
    } else {
      length = shortLength;
    }
    if (length < 0
        || (shortLength == 126 && length < 126)
        || (shortLength == 127 && length < 65536)) {
      fail(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR, "invalid frame length " + length);
      return;
    }
    String problem = sequenceProblem(fin, opcode, length);
    if (problem != null) {
      fail(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR, problem);
      return;
    }
    if (length > maxFramePayloadLength) {
      fail(
          ctx,
          in,
          WebSocketCloseStatus.MESSAGE_TOO_BIG,
          "frame of " + length + " bytes exceeds " + maxFramePayloadLength);
      return;
    }
    if (available - headerLength < length) {
      return;
    }
    int key = in.getInt(start + headerLength - 4);
    in.skipBytes(headerLength);
    ByteBuf payload =
        key == 0 ? in.readRetainedSlice((int) length) : unmasked(ctx, in, (int) length, key);
    if (opcode == OPCODE_CLOSE) {
      String closeProblem = closeProblem(payload);
      if (closeProblem != null) {
        payload.release();
        fail(ctx, in, WebSocketCloseStatus.PROTOCOL_ERROR, closeProblem);
        return;
      }
    }
    if (opcode <= OPCODE_BINARY) {
      inFragmentedMessage = !fin;
    }
    out.add(frame(fin, opcode, payload));
  }

  /** Why a frame cannot come now, or null: RFC 6455 §5.4 and §5.5. */
  private String sequenceProblem(boolean fin, int opcode, long length) {
    switch (opcode) {
      case OPCODE_CONTINUATION:
        return inFragmentedMessage ? null : "a continuation frame outside a fragmented message";
      case OPCODE_TEXT:
      case OPCODE_BINARY:
        return inFragmentedMessage ? "a new message inside a fragmented one" : null;
      case OPCODE_CLOSE:
      case OPCODE_PING:
      case OPCODE_PONG:
        if (!fin) {
          return "a fragmented control frame";
        }
        return length > MAX_CONTROL_PAYLOAD ? "a control frame longer than 125 bytes" : null;
      default:
        return "unknown opcode " + opcode;
    }
  }

  private static ByteBuf unmasked(ChannelHandlerContext ctx, ByteBuf in, int length, int key) {
    ByteBuf payload = ctx.alloc().buffer(length);
    int index = in.readerIndex();
    int i = 0;
    long longKey = (key & 0xFFFFFFFFL) | ((long) key << 32);
    for (; i + 8 <= length; i += 8) {
      payload.writeLong(in.getLong(index + i) ^ longKey);
    }
    for (; i < length; i++) {
      payload.writeByte(in.getByte(index + i) ^ (key >>> (8 * (3 - (i & 3)))));
    }
    in.skipBytes(length);
    return payload;
  }

  /** Why a close frame's body is invalid, or null: empty, or a valid code and UTF-8 reason. */
  private static String closeProblem(ByteBuf body) {
    int length = body.readableBytes();
    if (length == 0) {
      return null;
    }
    if (length == 1) {
      return "a close frame body of one byte";
    }
    int code = body.getUnsignedShort(body.readerIndex());
    if (!WebSocketCloseStatus.isValidStatusCode(code)) {
      return "invalid close status " + code;
    }
    ByteBuffer reason = body.nioBuffer(body.readerIndex() + 2, length - 2);
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(reason);
      return null;
    } catch (CharacterCodingException e) {
      return "a close reason that is not UTF-8";
    }
  }

  private static WebSocketFrame frame(boolean fin, int opcode, ByteBuf payload) {
    return switch (opcode) {
      case OPCODE_CONTINUATION -> new ContinuationWebSocketFrame(fin, 0, payload);
      case OPCODE_TEXT -> new TextWebSocketFrame(fin, 0, payload);
      case OPCODE_BINARY -> new BinaryWebSocketFrame(fin, 0, payload);
      case OPCODE_CLOSE -> new CloseWebSocketFrame(true, 0, payload);
      case OPCODE_PING -> new PingWebSocketFrame(payload);
      default -> new PongWebSocketFrame(payload);
    };
  }

  /** Fails the connection as RFC 6455 §7.1.7 says: a close frame with the reason, then close. */
  private void fail(
      ChannelHandlerContext ctx, ByteBuf in, WebSocketCloseStatus status, String reason) {
    failed = true;
    in.skipBytes(in.readableBytes());
    if (ctx.channel().isActive()) {
      ctx.writeAndFlush(new CloseWebSocketFrame(status, reason))
          .addListener(ChannelFutureListener.CLOSE);
    }
    throw new CorruptedWebSocketFrameException(status, reason);
  }
}
