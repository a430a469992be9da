package io.streamspace.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/**
 * A request the API refuses or a client that goes away is the client's business: the log keeps
 * ERROR for the server's own faults, so nobody can flood it from outside.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoErrorLogsForRefusedRequestsTest extends IntegrationTest {

  @LocalServerPort int port;

  private static final String OVERSIZED =
      "{\"username\": \"" + "x".repeat(300 * 1024) + "\", \"password\": \"p\"}";

  @Test
  void aServerFaultIsStillLoggedAsAnError(CapturedOutput output) {
    String token = tokenFor(new Requester(UUID.randomUUID().toString(), "org-logs", Role.USER));
    client
        .post()
        .uri("/api/v1/test-probe/failures/boom")
        .headers(h -> h.setBearerAuth(token))
        .exchange()
        .expectStatus()
        .isEqualTo(500);

    assertThat(errorLines(output)).isNotEmpty();
  }

  @Test
  void anOversizedLoginIsA413AndLogsNoError(CapturedOutput output) throws Exception {
    for (int i = 0; i < 3; i++) {
      client
          .post()
          .uri("/api/v1/auth/login")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(OVERSIZED)
          .exchange()
          .expectStatus()
          .isEqualTo(413)
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("urn:streamspace:problem:body-too-large");
    }
    Thread.sleep(500);

    assertThat(errorLines(output)).isEmpty();
  }

  @Test
  void anOversizedIdempotentPostIsA413AndLogsNoError(CapturedOutput output) throws Exception {
    String token = tokenFor(new Requester(UUID.randomUUID().toString(), "org-logs", Role.USER));
    client
        .post()
        .uri("/api/v1/test-probe/things")
        .headers(h -> h.setBearerAuth(token))
        .header(IdempotencyFilter.HEADER, UUID.randomUUID().toString())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"display_name\": \"" + "x".repeat(300 * 1024) + "\", \"count\": 1}")
        .exchange()
        .expectStatus()
        .isEqualTo(413);
    Thread.sleep(500);

    assertThat(errorLines(output)).isEmpty();
  }

  @Test
  void anOversizedLoginSentAsABrowserOrCurlWouldLogsNoError(CapturedOutput output)
      throws Exception {
    for (boolean expectContinue : new boolean[] {false, true}) {
      String answer =
          rawPost(
              "/api/v1/auth/login",
              expectContinue ? "Expect: 100-continue\r\n" : "",
              OVERSIZED,
              Duration.ofSeconds(5));
      assertThat(answer).contains("HTTP/1.1 413");
    }
    assertThat(rawChunkedPost("/api/v1/auth/login", OVERSIZED)).contains("HTTP/1.1 413");
    Thread.sleep(500);

    assertThat(errorLines(output)).isEmpty();
  }

  @Test
  void aClientThatLeavesAnIdempotentPostLogsNoError(CapturedOutput output) throws Exception {
    String token = tokenFor(new Requester(UUID.randomUUID().toString(), "org-logs", Role.USER));
    // The client gives up long before the handler answers.
    rawPost(
        "/api/v1/test-probe/things?delay_ms=1000",
        "Authorization: Bearer "
            + token
            + "\r\n"
            + IdempotencyFilter.HEADER
            + ": "
            + UUID.randomUUID()
            + "\r\n",
        "{\"display_name\": \"gone\", \"count\": 1}",
        Duration.ofMillis(200));
    Thread.sleep(2000);

    assertThat(errorLines(output)).isEmpty();
  }

  /** A POST whose body is sent in chunks of 8 KB, as streaming clients send it. */
  private String rawChunkedPost(String target, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + target
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      try {
        for (int from = 0; from < bytes.length; from += 8192) {
          int length = Math.min(8192, bytes.length - from);
          out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(bytes, from, length);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException closedByServer) {
        // The server may answer 413 and close before the whole body is sent.
      }
      byte[] answer = new byte[512];
      int n = socket.getInputStream().read(answer);
      return n <= 0 ? "" : new String(answer, 0, n, StandardCharsets.ISO_8859_1);
    }
  }

  /** A POST over a plain socket, closed after {@code patience}; answers what came back by then. */
  private String rawPost(String target, String extraHeaders, String body, Duration patience)
      throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout((int) patience.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + target
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + bytes.length
                  + "\r\n"
                  + extraHeaders
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException closedByServer) {
        // The server may answer 413 and close before the whole body is sent.
      }
      StringBuilder answer = new StringBuilder();
      byte[] buffer = new byte[8192];
      try {
        InputStream in = socket.getInputStream();
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
          if (answer.indexOf("\r\n\r\n") > 0 && answer.length() > 200) {
            break;
          }
        }
      } catch (IOException timedOutOrReset) {
        // What arrived so far is the answer.
      }
      return answer.toString();
    }
  }

  /**
   * The errors logged while the test ran, except Netty's leak reports: those come whenever a
   * collection finds a buffer lost earlier, by any test sharing this JVM, not by the request under
   * test.
   */
  private static java.util.List<String> errorLines(CapturedOutput output) {
    return output
        .getAll()
        .lines()
        .filter(line -> line.contains(" ERROR "))
        .filter(line -> !line.contains("io.netty.util.ResourceLeakDetector"))
        .toList();
  }
}
