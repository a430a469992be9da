package io.streamspace.bench.vnc;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A VNC server as far as a tunnel can tell: it greets with the RFB banner, and after a trivial
 * handshake streams framebuffer-sized messages as fast as the reader takes them, echoes what it
 * gets, or holds the connection idle. The benchmark's source and sink, the same behind every path.
 *
 * <p>Handshake: the server sends {@code RFB 003.008\n}; the client answers 12 bytes (its version),
 * then a mode byte: {@code 'S'} and a 32-bit chunk size (stream), {@code 'E'} (echo) or {@code 'I'}
 * (idle). A client that hangs up after the banner (a readiness probe) is fine.
 */
public final class SyntheticRfbServer implements AutoCloseable {

  static final byte[] BANNER = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);
  static final byte STREAM = 'S';
  static final byte ECHO = 'E';
  static final byte IDLE = 'I';
  static final int MAX_CHUNK = 16 * 1024 * 1024;

  private final ServerSocket listener;
  private final Thread acceptor;

  private SyntheticRfbServer(ServerSocket listener) {
    this.listener = listener;
    this.acceptor = new Thread(this::accept, "synthetic-rfb-accept");
    acceptor.setDaemon(true);
  }

  /** Listens on 127.0.0.1:{@code port} (0: any free port) and serves until closed. */
  public static SyntheticRfbServer start(int port) throws IOException {
    ServerSocket listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
    SyntheticRfbServer server = new SyntheticRfbServer(listener);
    server.acceptor.start();
    return server;
  }

  public int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        // Small stacks: the idle-tunnel phase holds hundreds of connections.
        Thread serving = new Thread(null, () -> serve(socket), "synthetic-rfb", 256 * 1024);
        serving.setDaemon(true);
        serving.start();
      } catch (IOException e) {
        if (!listener.isClosed()) {
          System.err.println("synthetic RFB server: accept failed: " + e);
        }
      }
    }
  }

  private static void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      out.write(BANNER);
      out.flush();
      in.readFully(new byte[12]);
      byte mode = in.readByte();
      switch (mode) {
        case STREAM -> stream(in.readInt(), out);
        case ECHO -> echo(in, out);
        case IDLE -> in.read(); // returns at end of stream
        default -> throw new IOException("unknown mode " + mode);
      }
    } catch (EOFException | java.net.SocketException e) {
      // the client went away: that is how every connection ends
    } catch (IOException e) {
      System.err.println("synthetic RFB server: " + e);
    }
  }

  private static void stream(int chunkSize, OutputStream out) throws IOException {
    if (chunkSize <= 0 || chunkSize > MAX_CHUNK) {
      throw new IOException("chunk size out of range: " + chunkSize);
    }
    byte[] chunk = new byte[chunkSize];
    new Random(chunkSize).nextBytes(chunk); // incompressible, like a raw framebuffer update
    for (; ; ) {
      out.write(chunk); // blocks while the reader lags: back-pressure is the reader's pace
    }
  }

  private static void echo(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    for (int read; (read = in.read(buffer)) >= 0; ) {
      out.write(buffer, 0, read);
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  /**
   * {@code vnc-synthetic-server --port N}: runs in the foreground until killed. Also accepts
   * x11vnc's arguments ({@code -rfbport N}, the rest ignored), so a session of the local runtime
   * can run it in x11vnc's place.
   */
  public static void main(String[] args) throws Exception {
    int port = -1;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--port") || args[i].equals("-rfbport")) {
        port = Integer.parseInt(args[i + 1]);
      }
    }
    if (port < 0) {
      System.err.println("usage: vnc-synthetic-server --port N (or x11vnc's -rfbport N)");
      System.exit(2);
    }
    try (SyntheticRfbServer server = start(port)) {
      System.out.println("synthetic RFB server on 127.0.0.1:" + server.port());
      server.acceptor.join();
    }
  }
}
