package io.streamspace.vnc.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.metadata.CompositeMetadataCodec;
import io.rsocket.metadata.TaggingMetadataCodec;
import io.rsocket.metadata.WellKnownMimeType;
import io.rsocket.util.ByteBufPayload;
import io.streamspace.events.agent.AgentProtocol;
import io.streamspace.events.agent.OpenVncTunnel;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's end of a tunnel's hop to the agent: one RSocket request-channel on the agent's
 * connection (see {@link AgentProtocol#VNC_TUNNEL}). RSocket's request-n carries back-pressure both
 * ways, so neither end sends more than the other asked for.
 */
final class AgentChannel {

  // The agent protocol's JSON: default settings, camelCase, as on the agent.
  private static final JsonMapper WIRE = JsonMapper.builder().build();

  private AgentChannel() {}

  /**
   * Opens the tunnel on {@code agent}: {@code toVnc} (whose buffers the channel takes over) goes to
   * the session's VNC server, the answer is what it sends back.
   */
  static Flux<Payload> open(RSocket agent, OpenVncTunnel open, Flux<ByteBuf> toVnc) {
    return agent.requestChannel(
        Flux.concat(Mono.fromSupplier(() -> opening(open)), toVnc.map(ByteBufPayload::create)));
  }

  private static Payload opening(OpenVncTunnel open) {
    ByteBufAllocator allocator = ByteBufAllocator.DEFAULT;
    ByteBuf data = allocator.buffer();
    data.writeBytes(WIRE.writeValueAsBytes(open));
    CompositeByteBuf metadata = allocator.compositeBuffer();
    ByteBuf route =
        TaggingMetadataCodec.createRoutingMetadata(allocator, List.of(AgentProtocol.VNC_TUNNEL))
            .getContent();
    CompositeMetadataCodec.encodeAndAddMetadata(
        metadata, allocator, WellKnownMimeType.MESSAGE_RSOCKET_ROUTING, route);
    return ByteBufPayload.create(data, metadata);
  }
}
