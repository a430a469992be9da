package io.streamspace.agent.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.rsocket.DuplexConnection;
import io.rsocket.RSocketErrorException;
import io.rsocket.transport.ClientTransport;
import java.net.SocketAddress;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Hands the WebSocket encoder each RSocket frame as one contiguous buffer. A WebSocket client must
 * mask every byte it sends (RFC 6455 §5.3), and Netty masks eight bytes at a time through {@code
 * getLong}; on RSocket's composite frames (header + payload) every one of those reads looks its
 * component up again, which profiling showed to be most of the agent's CPU on a VNC tunnel. One
 * copy per frame is far cheaper.
 */
final class ContiguousFrames implements DuplexConnection {

  // Below this the copy costs more than the lookups it saves.
  private static final int FLATTEN_FROM_BYTES = 1024;

  private final DuplexConnection delegate;

  private ContiguousFrames(DuplexConnection delegate) {
    this.delegate = delegate;
  }

  /** {@code transport}, its connections sending contiguous frames. */
  static ClientTransport of(ClientTransport transport) {
    return new ClientTransport() {
      @Override
      public Mono<DuplexConnection> connect() {
        return transport.connect().map(ContiguousFrames::new);
      }

      @Override
      public int maxFrameLength() {
        return transport.maxFrameLength();
      }
    };
  }

  @Override
  public void sendFrame(int streamId, ByteBuf frame) {
    if (frame.nioBufferCount() == 1 || frame.readableBytes() < FLATTEN_FROM_BYTES) {
      delegate.sendFrame(streamId, frame);
      return;
    }
    ByteBuf flat = delegate.alloc().directBuffer(frame.readableBytes());
    try {
      flat.writeBytes(frame);
    } catch (RuntimeException e) {
      flat.release();
      throw e;
    } finally {
      frame.release();
    }
    delegate.sendFrame(streamId, flat);
  }

  @Override
  public void sendErrorAndClose(RSocketErrorException error) {
    delegate.sendErrorAndClose(error);
  }

  @Override
  public Flux<ByteBuf> receive() {
    return delegate.receive();
  }

  @Override
  public ByteBufAllocator alloc() {
    return delegate.alloc();
  }

  @Override
  public SocketAddress remoteAddress() {
    return delegate.remoteAddress();
  }

  @Override
  public double availability() {
    return delegate.availability();
  }

  @Override
  public Mono<Void> onClose() {
    return delegate.onClose();
  }

  @Override
  public void dispose() {
    delegate.dispose();
  }

  @Override
  public boolean isDisposed() {
    return delegate.isDisposed();
  }
}
