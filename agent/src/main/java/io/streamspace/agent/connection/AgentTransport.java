package io.streamspace.agent.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.rsocket.transport.ClientTransport;
import io.rsocket.transport.netty.client.WebsocketClientTransport;
import io.streamspace.events.agent.AgentProtocol;
import java.net.URI;
import java.time.Duration;
import reactor.netty.http.client.HttpClient;

/** The RSocket client transport to a server: WebSocket to its {@link AgentProtocol#PATH}. */
final class AgentTransport {

  private AgentTransport() {}

  static ClientTransport to(URI url, FrameMasking masking, Duration connectTimeout) {
    boolean secure = "https".equals(url.getScheme()) || "wss".equals(url.getScheme());
    int port = url.getPort() != -1 ? url.getPort() : secure ? 443 : 80;
    String base = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
    HttpClient http =
        HttpClient.create()
            .host(url.getHost())
            .port(port)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
    if (secure) {
      http = http.secure();
    }
    boolean randomKeys = masking.randomKeys(url);
    if (!randomKeys) {
      // Runs on the event loop right after the handshake installed the frame encoder, before
      // RSocket's setup frame is written.
      http = http.doOnResponse((response, connection) -> useZeroKeys(connection.channel()));
    }
    ClientTransport transport =
        WebsocketClientTransport.create(http, base + AgentProtocol.PATH)
            .webSocketSpec(spec -> spec.maxFramePayloadLength(AgentProtocol.MAX_FRAME_BYTES));
    // Contiguous frames only pay off when every byte is masked.
    return randomKeys ? ContiguousFrames.of(transport) : transport;
  }

  private static void useZeroKeys(Channel channel) {
    ChannelHandlerContext encoder = channel.pipeline().context(WebSocketFrameEncoder.class);
    if (encoder == null) {
      throw new IllegalStateException("no WebSocket frame encoder after the handshake");
    }
    channel.pipeline().replace(encoder.name(), encoder.name(), new ZeroKeyFrameEncoder());
  }
}
