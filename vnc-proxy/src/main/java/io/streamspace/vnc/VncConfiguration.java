package io.streamspace.vnc;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * The VNC path's WebSocket handshake: Reactor Netty's, with the browser's messages capped at {@code
 * streamspace.vnc.max-message-bytes} (a larger frame closes the connection, it is never buffered).
 */
@Configuration(proxyBeanMethods = false)
public class VncConfiguration {

  @Bean
  WebSocketService vncWebSocketService(VncProperties properties) {
    return new HandshakeWebSocketService(
        new ReactorNettyRequestUpgradeStrategy(
            () ->
                WebsocketServerSpec.builder()
                    .maxFramePayloadLength(properties.maxMessageBytes())
                    .handlePing(false)));
  }
}
