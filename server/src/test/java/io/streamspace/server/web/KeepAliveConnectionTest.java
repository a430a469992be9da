package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A keep-alive connection answers every request sent on it, however the answers before it were
 * timed: a client (a browser, a proxy, the test suite's own pooled WebTestClient) that reuses a
 * connection must never wait forever for an answer the server simply stopped reading.
 *
 * <p>The case that once stalled the server: a request arrives while the previous one is still being
 * wound up (its answer already sent), is held back, and is then answered at once. Reactor Netty
 * 1.3.6 and 1.3.7 stopped reading the connection after that, so the next request sat unread in the
 * socket until the client gave up.
 */
class KeepAliveConnectionTest extends IntegrationTest {

  private static final int PATIENCE_MILLIS = 5_000;

  @LocalServerPort int port;

  @Test
  void aConnectionKeepsAnsweringAfterARequestHeldBackBehindASlowerOne() throws IOException {
    // An account looked up for the first time: that answer is computed off the event loop.
    String token = tokenFor(new Requester(UUID.randomUUID().toString(), "org-ka", Role.USER));
    String slow =
        "GET /api/v1/sessions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + token
            + "\r\n\r\n";
    // No token: refused at once, on the event loop, while it is being held back.
    String quick = "GET /api/v1/sessions HTTP/1.1\r\nHost: localhost\r\n\r\n";

    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(PATIENCE_MILLIS);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();

      out.write((slow + quick).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(statusOf(readResponse(in))).isEqualTo(200);
      assertThat(statusOf(readResponse(in))).isEqualTo(401);

      for (int i = 0; i < 3; i++) {
        out.write(quick.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(statusOf(readResponse(in)))
            .as("answer %d on the same connection after the held-back request", i + 1)
            .isEqualTo(401);
      }
    }
  }

  /** One HTTP/1.1 response (headers and a Content-Length body) off the stream. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    try {
      while (!endsWithBlankLine(head.toByteArray())) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed before a response: " + head);
        }
        head.write(b);
      }
      String headers = head.toString(StandardCharsets.ISO_8859_1);
      int length = contentLength(headers);
      byte[] body = in.readNBytes(length);
      if (body.length < length) {
        throw new IOException("connection closed in the middle of a response body");
      }
      return headers + new String(body, StandardCharsets.UTF_8);
    } catch (SocketTimeoutException stalled) {
      throw new AssertionError(
          "no answer within " + PATIENCE_MILLIS + " ms on a kept-alive connection", stalled);
    }
  }

  private static boolean endsWithBlankLine(byte[] bytes) {
    int n = bytes.length;
    return n >= 4
        && bytes[n - 4] == '\r'
        && bytes[n - 3] == '\n'
        && bytes[n - 2] == '\r'
        && bytes[n - 1] == '\n';
  }

  private static int contentLength(String headers) {
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }

  private static int statusOf(String response) {
    return Integer.parseInt(response.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
  }
}
