package io.streamspace.bench.vnc;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The client end of one connection to the {@link SyntheticRfbServer} through some {@link
 * Transport}: does the handshake, then counts what streams in, or times echoes.
 */
final class SyntheticClient implements Transport.Receiver, AutoCloseable {

  private static final byte[] VERSION =
      "RFB 003.008\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final CountDownLatch greeted = new CountDownLatch(1);
  private int bannerLeft = SyntheticRfbServer.BANNER.length;
  private final Object lock = new Object();
  private long received; // bytes after the banner, guarded by lock
  private volatile Throwable closedBy;
  private volatile boolean closed;
  private Transport.Link link;

  /** Connects and waits for the banner. */
  static SyntheticClient connect(Transport transport) throws Exception {
    SyntheticClient client = new SyntheticClient();
    client.link = transport.open(client);
    if (!client.greeted.await(15, TimeUnit.SECONDS)) {
      client.close();
      throw new IllegalStateException(
          transport.name() + ": no RFB banner within 15 s" + client.why());
    }
    return client;
  }

  /** Asks the server to stream {@code chunkSize}-byte messages as fast as they are read. */
  void stream(int chunkSize) throws Exception {
    link.send(handshake(SyntheticRfbServer.STREAM, chunkSize));
  }

  void echoMode() throws Exception {
    link.send(handshake(SyntheticRfbServer.ECHO, -1));
  }

  void idle() throws Exception {
    link.send(handshake(SyntheticRfbServer.IDLE, -1));
  }

  private static ByteBuffer handshake(byte mode, int chunkSize) {
    ByteBuffer message = ByteBuffer.allocate(VERSION.length + 1 + (chunkSize > 0 ? 4 : 0));
    message.put(VERSION).put(mode);
    if (chunkSize > 0) {
      message.putInt(chunkSize);
    }
    return message.flip();
  }

  /**
   * Sends {@code message} and waits until as many bytes came back; the round trip in nanoseconds
   * from {@code sentAt} (the message's scheduled time, so a path that falls behind shows it).
   */
  long echo(ByteBuffer message, long sentAt) throws Exception {
    long expected;
    synchronized (lock) {
      expected = received + message.remaining();
    }
    link.send(message);
    synchronized (lock) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (received < expected) {
        long left = deadline - System.nanoTime();
        if (closed || left <= 0) {
          throw new IllegalStateException("no echo within 15 s" + why());
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
    return System.nanoTime() - sentAt;
  }

  long received() {
    synchronized (lock) {
      return received;
    }
  }

  boolean isClosed() {
    return closed;
  }

  String why() {
    Throwable error = closedBy;
    return closed ? " (closed" + (error == null ? "" : ": " + error) + ")" : "";
  }

  @Override
  public void onBytes(ByteBuffer bytes) {
    if (bannerLeft > 0) {
      int skip = Math.min(bannerLeft, bytes.remaining());
      bytes.position(bytes.position() + skip);
      bannerLeft -= skip;
      if (bannerLeft == 0) {
        greeted.countDown();
      }
    }
    int count = bytes.remaining();
    bytes.position(bytes.limit());
    if (count > 0) {
      synchronized (lock) {
        received += count;
        lock.notifyAll();
      }
    }
  }

  @Override
  public void onClosed(Throwable error) {
    closedBy = error;
    closed = true;
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  @Override
  public void close() {
    if (link != null) {
      link.close();
    }
  }
}
