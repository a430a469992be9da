package io.streamspace.agent.vnc;

import io.netty.buffer.ByteBuf;
import io.rsocket.Payload;
import io.rsocket.RSocket;
import io.rsocket.SocketAcceptor;
import io.rsocket.metadata.CompositeMetadata;
import io.rsocket.metadata.RoutingMetadata;
import io.rsocket.metadata.WellKnownMimeType;
import io.streamspace.events.agent.AgentProtocol;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The agent's RSocket responder: request-channels on {@link AgentProtocol#VNC_TUNNEL} go to {@link
 * VncTunnels} as raw bytes (no codec, no copy), everything else to the order handlers.
 */
public final class TunnelingResponder implements RSocket {

  private static final String ROUTING = WellKnownMimeType.MESSAGE_RSOCKET_ROUTING.getString();

  private final RSocket orders;
  private final VncTunnels tunnels;

  private TunnelingResponder(RSocket orders, VncTunnels tunnels) {
    this.orders = orders;
    this.tunnels = tunnels;
  }

  /** {@code orders}' acceptor, with VNC tunnels handled by {@code tunnels}. */
  public static SocketAcceptor wrap(SocketAcceptor orders, VncTunnels tunnels) {
    return (setup, sendingSocket) ->
        orders
            .accept(setup, sendingSocket)
            .map(responder -> (RSocket) new TunnelingResponder(responder, tunnels));
  }

  @Override
  public Flux<Payload> requestChannel(Publisher<Payload> payloads) {
    return Flux.from(payloads)
        .switchOnFirst(
            (first, all) -> {
              Payload opening = first.get();
              if (opening == null) {
                return all; // an empty or failed channel: nothing to open
              }
              if (!isTunnel(opening)) {
                return orders.requestChannel(all);
              }
              return tunnels.tunnel(opening.retain(), all.skip(1));
            },
            false);
  }

  private static boolean isTunnel(Payload payload) {
    if (!payload.hasMetadata()) {
      return false;
    }
    ByteBuf metadata = payload.sliceMetadata();
    for (CompositeMetadata.Entry entry : new CompositeMetadata(metadata, false)) {
      if (ROUTING.equals(entry.getMimeType())) {
        for (String route : new RoutingMetadata(entry.getContent())) {
          if (AgentProtocol.VNC_TUNNEL.equals(route)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  public Mono<Void> fireAndForget(Payload payload) {
    return orders.fireAndForget(payload);
  }

  @Override
  public Mono<Payload> requestResponse(Payload payload) {
    return orders.requestResponse(payload);
  }

  @Override
  public Flux<Payload> requestStream(Payload payload) {
    return orders.requestStream(payload);
  }

  @Override
  public Mono<Void> metadataPush(Payload payload) {
    return orders.metadataPush(payload);
  }

  @Override
  public double availability() {
    return orders.availability();
  }

  @Override
  public void dispose() {
    orders.dispose();
  }

  @Override
  public boolean isDisposed() {
    return orders.isDisposed();
  }

  @Override
  public Mono<Void> onClose() {
    return orders.onClose();
  }
}
