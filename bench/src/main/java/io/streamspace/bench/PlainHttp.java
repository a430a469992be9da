package io.streamspace.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A blocking HTTP/1.1 client over plain sockets with keep-alive, for a load driver that shares the
 * machine's cores with the server it measures.
 *
 * <p>The JDK's {@code HttpClient} hands every exchange between the calling thread, its selector
 * thread and futures; on the 2-core benchmark machine that took about a tenth of the CPU, which the
 * server and PostgreSQL then did not get. Here the calling thread writes the request and reads the
 * answer itself, on a connection it holds alone for the exchange. Idle connections are kept per
 * server and reused.
 */
public final class PlainHttp implements AutoCloseable {

  /** An answer: its status and its body as text. */
  public record Answer(int status, String body) {}

  private static final int MAX_HEADER_LINE = 16 * 1024;

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Map<String, Deque<Connection>> idle = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public PlainHttp(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /**
   * Sends one request and reads its answer. A request that finds its reused connection closed by
   * the server before anything was written or read is sent once more on a new connection; any other
   * failure is the caller's.
   *
   * @param headers extra headers; {@code Host} and {@code Content-Length} are set here
   */
  public Answer send(String method, URI uri, Map<String, String> headers, byte[] body)
      throws IOException {
    String authority = authority(uri);
    byte[] request = request(method, uri, authority, headers, body);
    Connection connection = take(uri, authority);
    Answer answer;
    try {
      answer = connection.exchange(request);
    } catch (StaleConnection stale) {
      connection.close();
      connection = open(uri, authority);
      try {
        answer = connection.exchange(request);
      } catch (IOException e) {
        connection.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
    if (connection.reusable && !closed) {
      idle.computeIfAbsent(authority, key -> new ConcurrentLinkedDeque<>()).push(connection);
    } else {
      connection.close();
    }
    return answer;
  }

  /** Closes the idle connections; connections in use close when their exchange ends. */
  @Override
  public void close() {
    closed = true;
    idle.values().forEach(connections -> connections.forEach(Connection::close));
    idle.clear();
  }

  private Connection take(URI uri, String authority) throws IOException {
    Deque<Connection> connections = idle.get(authority);
    Connection connection = connections == null ? null : connections.poll();
    return connection != null ? connection : open(uri, authority);
  }

  private Connection open(URI uri, String authority) throws IOException {
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw new IOException("only http:// is supported, not " + uri);
    }
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) readTimeout.toMillis());
      socket.connect(
          new InetSocketAddress(uri.getHost(), port(uri)), (int) connectTimeout.toMillis());
      return new Connection(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  static byte[] request(
      String method, URI uri, String authority, Map<String, String> headers, byte[] body) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(authority).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    int length = body == null ? 0 : body.length;
    if (body != null || !"GET".equals(method)) {
      head.append("Content-Length: ").append(length).append("\r\n");
    }
    head.append("\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[start.length + length];
    System.arraycopy(start, 0, request, 0, start.length);
    if (length > 0) {
      System.arraycopy(body, 0, request, start.length, length);
    }
    return request;
  }

  private static String authority(URI uri) {
    return uri.getHost() + ":" + port(uri);
  }

  private static int port(URI uri) {
    return uri.getPort() == -1 ? 80 : uri.getPort();
  }

  /** The server closed a reused connection before answering anything: safe to send again. */
  private static final class StaleConnection extends IOException {
    StaleConnection(Throwable cause) {
      super("the server closed an idle connection", cause);
    }
  }

  /** One socket, used by one exchange at a time. */
  private static final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean used;
    private boolean reusable = true;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      this.out = socket.getOutputStream();
    }

    Answer exchange(byte[] request) throws IOException {
      boolean reused = used;
      used = true;
      String statusLine;
      try {
        out.write(request);
        out.flush();
        statusLine = line(in);
      } catch (IOException e) {
        if (reused) {
          throw new StaleConnection(e);
        }
        throw e;
      }
      return readAnswer(statusLine);
    }

    private Answer readAnswer(String statusLine) throws IOException {
      // "HTTP/1.1 200 OK"
      int firstSpace = statusLine.indexOf(' ');
      if (!statusLine.startsWith("HTTP/1.") || firstSpace < 0 || statusLine.length() < 12) {
        throw new IOException("not an HTTP/1.x status line: " + statusLine);
      }
      int status = number(statusLine.substring(firstSpace + 1, firstSpace + 4), 10, statusLine);
      boolean http10 = statusLine.startsWith("HTTP/1.0");
      int contentLength = -1;
      boolean chunked = false;
      boolean close = http10;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
          throw new IOException("malformed header line: " + header);
        }
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> contentLength = number(value, 10, header);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> {
            String token = value.toLowerCase(Locale.ROOT);
            if (token.contains("close")) {
              close = true;
            } else if (token.contains("keep-alive")) {
              close = false;
            }
          }
          default -> {
            // the benchmark reads nothing else
          }
        }
      }
      byte[] body;
      if (status / 100 == 1 || status == 204 || status == 304) {
        body = new byte[0];
      } else if (chunked) {
        body = chunkedBody();
      } else if (contentLength >= 0) {
        body = in.readNBytes(contentLength);
        if (body.length != contentLength) {
          throw new EOFException("the answer ended before its " + contentLength + " bytes");
        }
      } else {
        // Neither length nor chunks: the body runs until the server closes the connection.
        body = in.readAllBytes();
        close = true;
      }
      reusable = !close;
      return new Answer(status, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunkedBody() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = line(in);
        int extension = sizeLine.indexOf(';');
        int size =
            number(
                (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim(),
                16,
                sizeLine);
        if (size == 0) {
          // trailers, up to the empty line
          while (!line(in).isEmpty()) {
            // ignored
          }
          return body.toByteArray();
        }
        byte[] chunk = in.readNBytes(size);
        if (chunk.length != size) {
          throw new EOFException("the answer ended inside a chunk");
        }
        body.write(chunk);
        if (!line(in).isEmpty()) {
          throw new IOException("a chunk did not end with CRLF");
        }
      }
    }

    /** A number the answer gives; a malformed one fails the exchange like any broken answer. */
    private static int number(String text, int radix, String line) throws IOException {
      try {
        return Integer.parseInt(text, radix);
      } catch (NumberFormatException e) {
        throw new IOException("not a number in \"" + line + "\"", e);
      }
    }

    /** One line without its CRLF (or LF). */
    private static String line(InputStream in) throws IOException {
      StringBuilder line = new StringBuilder(64);
      while (true) {
        int b = in.read();
        if (b == -1) {
          throw new EOFException("the connection closed before the answer was complete");
        }
        if (b == '\n') {
          int end = line.length();
          if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
          }
          return line.toString();
        }
        if (line.length() >= MAX_HEADER_LINE) {
          throw new IOException("a header line longer than " + MAX_HEADER_LINE + " bytes");
        }
        line.append((char) b);
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing: nothing left to do with it
      }
    }
  }
}
