package io.streamspace.bench.vnc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One way of reaching the synthetic VNC server: plain TCP, or a WebSocket through a proxy. Each
 * connection hands what it receives to a {@link Receiver} one buffer at a time and asks for the
 * next only once the receiver has returned, so a slow reader slows the whole path down instead of
 * letting anything in between buffer without bound.
 */
interface Transport {

  /** The path's name in the report. */
  String name();

  Link open(Receiver receiver) throws Exception;

  /** Gets the received bytes; called by one thread at a time for a connection. */
  interface Receiver {
    void onBytes(ByteBuffer bytes);

    /** The connection ended; {@code error} is null when it closed normally. */
    default void onClosed(Throwable error) {}
  }

  /** An open connection. */
  interface Link extends AutoCloseable {
    /** Sends the bytes and returns once the transport has taken them. */
    void send(ByteBuffer bytes) throws Exception;

    @Override
    void close();
  }

  /** Direct loopback TCP: the ceiling. */
  static Transport tcp(String name, int port) {
    return new Transport() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Link open(Receiver receiver) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        Thread reader =
            new Thread(
                null,
                () -> {
                  byte[] buffer = new byte[256 * 1024];
                  Throwable error = null;
                  try {
                    for (int read; (read = in.read(buffer)) >= 0; ) {
                      receiver.onBytes(ByteBuffer.wrap(buffer, 0, read));
                    }
                  } catch (IOException e) {
                    error = socket.isClosed() ? null : e;
                  }
                  receiver.onClosed(error);
                },
                "tcp-reader",
                512 * 1024);
        reader.setDaemon(true);
        reader.start();
        return new Link() {
          @Override
          public synchronized void send(ByteBuffer bytes) throws IOException {
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            out.flush();
          }

          @Override
          public void close() {
            try {
              socket.close();
            } catch (IOException e) {
              // closing anyway
            }
          }
        };
      }
    };
  }

  /**
   * A WebSocket (subprotocol {@code binary}, as noVNC opens it) with Java's own client, which
   * delivers one message part per {@code request(1)}: the next is asked for after the receiver has
   * taken the last.
   */
  static Transport webSocket(String name, HttpClient http, Supplier<URI> urls, String origin) {
    return new Transport() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Link open(Receiver receiver) throws Exception {
        WebSocket.Builder builder =
            http.newWebSocketBuilder()
                .subprotocols("binary")
                .connectTimeout(Duration.ofSeconds(10));
        if (origin != null) {
          builder.header("Origin", origin);
        }
        WebSocket socket =
            builder
                .buildAsync(
                    urls.get(),
                    new WebSocket.Listener() {
                      @Override
                      public void onOpen(WebSocket webSocket) {
                        webSocket.request(1);
                      }

                      @Override
                      public CompletionStage<?> onBinary(
                          WebSocket webSocket, ByteBuffer data, boolean last) {
                        receiver.onBytes(data);
                        webSocket.request(1);
                        return null;
                      }

                      @Override
                      public CompletionStage<?> onClose(
                          WebSocket webSocket, int statusCode, String reason) {
                        receiver.onClosed(null);
                        return null;
                      }

                      @Override
                      public void onError(WebSocket webSocket, Throwable error) {
                        receiver.onClosed(error);
                      }
                    })
                .get(15, TimeUnit.SECONDS);
        return new Link() {
          @Override
          public void send(ByteBuffer bytes) throws Exception {
            socket.sendBinary(bytes, true).get(15, TimeUnit.SECONDS);
          }

          @Override
          public void close() {
            CompletableFuture<WebSocket> closing =
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").toCompletableFuture();
            try {
              closing.get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
              // a peer that streams as fast as it can may not get to the close quickly
            }
            socket.abort();
          }
        };
      }
    };
  }
}
