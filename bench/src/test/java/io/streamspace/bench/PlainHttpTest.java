package io.streamspace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlainHttpTest {

  private final PlainHttp http = new PlainHttp(Duration.ofSeconds(5), Duration.ofSeconds(5));
  private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private ServerSocket raw;

  @AfterEach
  void stop() throws IOException {
    http.close();
    if (server != null) {
      server.stop(0);
    }
    if (raw != null) {
      raw.close();
    }
  }

  @Test
  void aRequestReachesTheServerWithItsMethodPathHeadersAndBody() throws Exception {
    URI base = serve();
    PlainHttp.Answer answer =
        http.send(
            "POST",
            base.resolve("/echo?x=1"),
            Map.of("Content-Type", "application/json", "Authorization", "Bearer abc"),
            "{\"name\":\"é\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.body())
        .isEqualTo("POST /echo?x=1 Bearer abc application/json {\"name\":\"é\"}");
  }

  @Test
  void aChunkedAnswerIsReadWhole() throws Exception {
    URI base = serve();

    PlainHttp.Answer answer = http.send("GET", base.resolve("/chunked"), Map.of(), null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("first,second,".repeat(1000));
  }

  @Test
  void anAnswerWithoutContentLeavesTheConnectionUsable() throws Exception {
    URI base = serve();

    PlainHttp.Answer none = http.send("DELETE", base.resolve("/none"), Map.of(), null);
    PlainHttp.Answer next = http.send("GET", base.resolve("/echo"), Map.of(), null);

    assertThat(none.status()).isEqualTo(204);
    assertThat(none.body()).isEmpty();
    assertThat(next.body()).startsWith("GET /echo");
  }

  @Test
  void consecutiveRequestsShareOneConnection() throws Exception {
    URI base = serve();

    for (int i = 0; i < 5; i++) {
      assertThat(http.send("GET", base.resolve("/echo"), Map.of(), null).status()).isEqualTo(201);
    }

    assertThat(clientPorts).hasSize(5);
    assertThat(clientPorts).containsOnly(clientPorts.get(0));
  }

  @Test
  void aConnectionTheServerClosesAfterItsAnswerIsNotReused() throws Exception {
    URI base = serve();

    http.send("GET", base.resolve("/close"), Map.of(), null);
    http.send("GET", base.resolve("/close"), Map.of(), null);

    assertThat(clientPorts).hasSize(2);
    assertThat(clientPorts.get(0)).isNotEqualTo(clientPorts.get(1));
  }

  @Test
  void aReusedConnectionTheServerDroppedIsReplacedAndTheRequestSentAgain() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    // answers one request per connection, then drops it without saying so
    URI base = rawServer(accepted, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

    assertThat(http.send("GET", base.resolve("/a"), Map.of(), null).body()).isEqualTo("ok");
    assertThat(http.send("GET", base.resolve("/b"), Map.of(), null).body()).isEqualTo("ok");

    assertThat(accepted).hasValue(2);
  }

  @Test
  void anAnswerWithAMalformedLengthFailsAsAnIoError() throws Exception {
    URI base = rawServer(new AtomicInteger(), "HTTP/1.1 200 OK\r\nContent-Length: many\r\n\r\nok");

    assertThatThrownBy(() -> http.send("GET", base.resolve("/a"), Map.of(), null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Content-Length: many");
  }

  @Test
  void aNewConnectionClosedWithoutAnAnswerFailsWithoutASecondTry() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    URI base = rawServer(accepted, null);

    assertThatThrownBy(() -> http.send("POST", base.resolve("/a"), Map.of(), new byte[] {1}))
        .isInstanceOf(IOException.class);
    assertThat(accepted).hasValue(1);
  }

  private URI serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.createContext(
        "/echo",
        exchange -> {
          clientPorts.add(exchange.getRemoteAddress().getPort());
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String query = exchange.getRequestURI().getRawQuery();
          String text =
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + (query == null ? "" : "?" + query)
                  + " "
                  + header(exchange, "Authorization")
                  + " "
                  + header(exchange, "Content-Type")
                  + " "
                  + body;
          answer(exchange, 201, text.trim().replaceAll(" +", " "), false);
        });
    server.createContext(
        "/chunked",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 1000; i++) {
              out.write("first,".getBytes(StandardCharsets.UTF_8));
              out.flush();
              out.write("second,".getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
          }
        });
    server.createContext(
        "/none",
        exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.createContext(
        "/close",
        exchange -> {
          clientPorts.add(exchange.getRemoteAddress().getPort());
          answer(exchange, 200, "bye", true);
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static String header(HttpExchange exchange, String name) {
    String value = exchange.getRequestHeaders().getFirst(name);
    return value == null ? "" : value;
  }

  private static void answer(HttpExchange exchange, int status, String text, boolean close)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (close) {
      exchange.getResponseHeaders().set("Connection", "close");
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * A server on a bare socket: per connection it reads one request's head, sends {@code answer}
   * (nothing if null, without announcing a close), and closes the connection.
   */
  private URI rawServer(AtomicInteger accepted, String answer) throws IOException {
    raw = new ServerSocket(0, 16, java.net.InetAddress.getLoopbackAddress());
    Thread thread =
        new Thread(
            () -> {
              while (!raw.isClosed()) {
                try (Socket socket = raw.accept()) {
                  accepted.incrementAndGet();
                  readHead(socket.getInputStream());
                  if (answer != null) {
                    socket.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                  }
                } catch (IOException e) {
                  // the test closed the server socket
                }
              }
            },
            "raw-http");
    thread.setDaemon(true);
    thread.start();
    return URI.create("http://127.0.0.1:" + raw.getLocalPort());
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b == -1) {
        return;
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }
}
