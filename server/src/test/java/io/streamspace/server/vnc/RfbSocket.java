package io.streamspace.server.vnc;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A blocking WebSocket client that speaks RFB the way noVNC does (binary messages, the {@code
 * binary} subprotocol), for tests of {@code /ws/vnc}.
 */
public final class RfbSocket implements AutoCloseable {

  /** How the server closed the WebSocket. */
  public record Closed(int code, String reason) {}

  private final WebSocket socket;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private int consumed;
  private final boolean reading;

  private RfbSocket(String url, String origin, boolean reading) {
    this.reading = reading;
    WebSocket.Builder builder =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .subprotocols("binary")
            .connectTimeout(Duration.ofSeconds(10));
    if (origin != null) {
      builder.header("Origin", origin);
    }
    this.socket = builder.buildAsync(URI.create(url), new Listener()).join();
  }

  /** Opens {@code url}; a refused handshake throws {@link Refused} with the HTTP status. */
  public static RfbSocket open(String url) {
    return open(url, null);
  }

  public static RfbSocket open(String url, String origin) {
    return open(url, origin, true);
  }

  /** Opens {@code url} and reads nothing after the first message: a browser that fell behind. */
  public static RfbSocket openStalled(String url) {
    return open(url, null, false);
  }

  private static RfbSocket open(String url, String origin, boolean reading) {
    try {
      return new RfbSocket(url, origin, reading);
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        throw new Refused(
            refused.getResponse().statusCode(), String.valueOf(refused.getResponse().body()));
      }
      throw e;
    }
  }

  /** The server answered the upgrade with an HTTP status instead of 101. */
  public static final class Refused extends RuntimeException {
    public final int status;

    Refused(int status, String body) {
      super("refused with " + status + ": " + body);
      this.status = status;
    }
  }

  public String subprotocol() {
    return socket.getSubprotocol();
  }

  public void send(byte[] bytes) {
    sendAsync(bytes).join();
  }

  /** Sends without waiting; completes once the message is handed to the network. */
  public CompletableFuture<WebSocket> sendAsync(byte[] bytes) {
    return socket.sendBinary(ByteBuffer.wrap(bytes), true);
  }

  /** The next {@code count} bytes the server sends, waiting up to {@code timeout}. */
  public byte[] read(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (received.size() - consumed < count) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0 || closed.isDone()) {
          throw new AssertionError(
              "expected "
                  + count
                  + " bytes, got "
                  + (received.size() - consumed)
                  + (closed.isDone() ? "; closed: " + closed.join() : ""));
        }
        received.wait(Math.min(left, 100));
      }
      byte[] all = received.toByteArray();
      byte[] next = new byte[count];
      System.arraycopy(all, consumed, next, 0, count);
      consumed += count;
      return next;
    }
  }

  /**
   * The RFB 3.8 handshake without authentication (the local runtime's x11vnc runs {@code -nopw} on
   * loopback), ending with the server's init: returns the framebuffer's width and height.
   */
  public int[] handshake() throws InterruptedException {
    Duration timeout = Duration.ofSeconds(10);
    String version = new String(read(12, timeout), StandardCharsets.US_ASCII);
    if (!version.startsWith("RFB 003.")) {
      throw new AssertionError("not an RFB server: " + version);
    }
    send("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
    int types = read(1, timeout)[0];
    byte[] offered = read(types, timeout);
    boolean none = false;
    for (byte type : offered) {
      none |= type == 1;
    }
    if (!none) {
      throw new AssertionError("the VNC server wants authentication");
    }
    send(new byte[] {1});
    ByteBuffer result = ByteBuffer.wrap(read(4, timeout));
    if (result.getInt() != 0) {
      throw new AssertionError("security handshake failed");
    }
    send(new byte[] {1}); // ClientInit: shared
    ByteBuffer init = ByteBuffer.wrap(read(24, timeout));
    int width = Short.toUnsignedInt(init.getShort());
    int height = Short.toUnsignedInt(init.getShort());
    init.position(20);
    int nameLength = init.getInt();
    read(nameLength, timeout);
    return new int[] {width, height};
  }

  /** Asks for the whole framebuffer; returns the number of rectangles of the update that comes. */
  public int framebufferUpdate(int width, int height) throws InterruptedException {
    ByteBuffer request = ByteBuffer.allocate(10);
    request.put((byte) 3).put((byte) 0).putShort((short) 0).putShort((short) 0);
    request.putShort((short) width).putShort((short) height);
    send(request.array());
    while (true) {
      byte type = read(1, Duration.ofSeconds(10))[0];
      if (type == 0) {
        ByteBuffer header = ByteBuffer.wrap(read(3, Duration.ofSeconds(10)));
        header.get();
        return Short.toUnsignedInt(header.getShort());
      }
      throw new AssertionError("expected a FramebufferUpdate first, got message type " + type);
    }
  }

  /** Completes when the server closes the WebSocket. */
  public CompletableFuture<Closed> closed() {
    return closed;
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
  }

  private final class Listener implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      synchronized (received) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        received.writeBytes(bytes);
        received.notifyAll();
      }
      if (reading) {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(new Closed(statusCode, reason));
      synchronized (received) {
        received.notifyAll();
      }
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(new Closed(-1, error.toString()));
      synchronized (received) {
        received.notifyAll();
      }
    }
  }
}
