package io.streamspace.command.agent;

import io.netty.buffer.PooledByteBufAllocator;
import io.rsocket.frame.FrameLengthCodec;
import io.rsocket.frame.decoder.PayloadDecoder;
import io.streamspace.events.agent.AgentProtocol;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.rsocket.server.RSocketServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.codec.StringDecoder;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.web.util.pattern.PathPatternRouteMatcher;

/**
 * Wires the agent protocol: its own JSON (see {@link AgentWire}), a frame limit, and the
 * single-segment processor the {@link SessionDispatcher} runs on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AgentProperties.class, IdleProperties.class})
public class AgentConfiguration {

  @Bean
  RSocketStrategies rsocketStrategies() {
    JacksonJsonDecoder json = new JacksonJsonDecoder(AgentWire.MAPPER);
    json.setMaxInMemorySize(AgentProtocol.MAX_FRAME_BYTES);
    return RSocketStrategies.builder()
        // Netty buffers, so that the agent link's payloads can be decoded without a copy (below)
        .dataBufferFactory(new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT))
        .encoder(new JacksonJsonEncoder(AgentWire.MAPPER))
        .decoder(StringDecoder.allMimeTypes(), json)
        .routeMatcher(new PathPatternRouteMatcher())
        .build();
  }

  /**
   * Bounds what RSocket reassembles from fragments. WebSocket frames themselves are capped at
   * {@link AgentProtocol#MAX_FRAME_BYTES} ({@code spring.rsocket.server.spec}); RSocket cannot set
   * a payload limit below its own largest frame, so this is the tightest bound it accepts.
   */
  @Bean
  RSocketServerCustomizer agentPayloadLimit() {
    return server -> server.maxInboundPayloadSize(FrameLengthCodec.FRAME_LENGTH_MASK);
  }

  /**
   * Payloads as slices of the received frames instead of heap copies. A VNC tunnel's bytes reach
   * the browser's socket without being copied into a heap array and back into a direct buffer (two
   * copies and a zeroed allocation per message, a fifth of the server's CPU on a tunnel). Spring's
   * handlers release what they decode; the tunnels release their payloads themselves. Spring Boot
   * does this only for an RSocket server on its own port, not on a WebFlux mapping path.
   */
  @Bean
  RSocketServerCustomizer agentPayloadsWithoutCopies() {
    return server -> server.payloadDecoder(PayloadDecoder.ZERO_COPY);
  }

  @Bean
  NettyServerCustomizer webSocketReadsWithoutCopies() {
    return WebSocketReads.customizer();
  }

  @Bean
  @SuppressWarnings("unchecked")
  ConfigurerModule agentDispatchProcessor() {
    return configurer ->
        configurer.eventProcessing(
            processing -> {
              processing.registerPooledStreamingEventProcessor(
                  SessionDispatcher.GROUP,
                  config ->
                      (StreamableMessageSource<TrackedEventMessage<?>>)
                          config.getComponent(
                              (Class<StreamableMessageSource<TrackedEventMessage<?>>>)
                                  (Class<?>) StreamableMessageSource.class,
                              config::eventStore),
                  (config, builder) ->
                      builder
                          .initialSegmentCount(1)
                          .batchSize(50)
                          .maxClaimedSegments(1)
                          .tokenClaimInterval(1000));
              processing.assignProcessingGroup(SessionDispatcher.GROUP, SessionDispatcher.GROUP);
              // Without it the dead-letter queue is asked about every event's session (a query).
              processing.registerDeadLetteringEventHandlerInvokerConfiguration(
                  SessionDispatcher.GROUP,
                  (config, builder) -> builder.enableSequenceIdentifierCache());
            });
  }
}
