package io.streamspace.command.agent;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.streamspace.events.agent.AgentProtocol;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import reactor.netty.NettyPipeline;

/**
 * Lets the server's connections read large WebSocket frames cheaply. An agent link carries a VNC
 * tunnel's screen updates in frames of up to 128 KB, which arrived in two or three reads of at most
 * 64 KB (Netty's ceiling); Netty's default cumulator copies each read behind the previous ones,
 * growing the buffer by copying it again, and its frame decoder copies the payload out once more.
 * Here reads grow to 256 KB while they come full; after a WebSocket upgrade a split frame is
 * gathered as a list of reads, and the agent link's frames are decoded by {@link
 * ZeroCopyFrameDecoder}, so a tunnel's bytes cross the server without a copy in user space (the
 * three copies were about a third of the server's user-space CPU on a tunnel).
 */
public final class WebSocketReads extends ChannelDuplexHandler {

  static final String NAME = "streamspace.websocket-reads";

  /** The customizer that watches every accepted connection for its WebSocket upgrade. */
  public static NettyServerCustomizer customizer() {
    return server ->
        server
            .childOption(ChannelOption.RCVBUF_ALLOCATOR, READS)
            .doOnChannelInit((observer, channel, address) -> watch(channel));
  }

  /**
   * Watches {@code channel}'s responses. Behind the HTTP codec (towards the application), where the
   * handshake's answer still is a response, not its encoded bytes; HTTP/2 connections have no such
   * codec and no WebSocket upgrade.
   */
  static void watch(Channel channel) {
    if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
      channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new WebSocketReads());
    }
  }

  /** The largest read: a whole frame of the agent link and more. */
  static final int MAX_READ_BYTES = 256 * 1024;

  // Netty's adaptive sizes (64 B to 2 KB to start), with a larger ceiling than its 64 KB: a read
  // grows only while reads fill it, so a request or a keystroke still gets a small buffer.
  static final AdaptiveRecvByteBufAllocator READS =
      new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ_BYTES);

  // parsed only when an upgrade is answered, not on every request of the connection
  private String requestedUri;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest request) {
      requestedUri = request.uri();
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    // The handshake adds the frame decoder before it writes its 101 answer, and no frame can
    // arrive before the client has read that answer.
    boolean upgrade =
        msg instanceof HttpResponse response
            && HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status());
    super.write(ctx, msg, promise);
    if (upgrade) {
      ChannelHandlerContext decoder = ctx.pipeline().context(WebSocket08FrameDecoder.class);
      if (decoder != null) {
        if (requestedUri != null
            && AgentProtocol.PATH.equals(new QueryStringDecoder(requestedUri).path())) {
          // the agent link: its frames' limit, and no extension (the link negotiates none)
          ctx.pipeline()
              .replace(
                  decoder.name(),
                  decoder.name(),
                  new ZeroCopyFrameDecoder(AgentProtocol.MAX_FRAME_BYTES));
        } else {
          ((ByteToMessageDecoder) decoder.handler())
              .setCumulator(ByteToMessageDecoder.COMPOSITE_CUMULATOR);
        }
        ctx.pipeline().remove(this);
      }
    }
  }
}
