package io.streamspace.server.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.util.FileSystemUtils;

/**
 * A real {@code redis-server} (the Debian package the {@code ./streamspace} script installs for the
 * tests) on a free port, in a temporary directory, with nothing persisted; started before a test
 * class and killed after it. Register it as a static {@code @RegisterExtension} field.
 */
public class RedisServer implements BeforeAllCallback, AfterAllCallback {

  private Process process;
  private Path directory;
  private int port;

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    stop();
    if (directory != null) {
      FileSystemUtils.deleteRecursively(directory);
      directory = null;
    }
  }

  /** Starts the server (again, on the same port after {@link #stop()}). */
  public synchronized void start() {
    try {
      if (directory == null) {
        directory = Files.createTempDirectory("streamspace-redis-");
        port = freePort();
      }
      process =
          new ProcessBuilder(
                  List.of(
                      "redis-server",
                      "--port",
                      Integer.toString(port),
                      "--bind",
                      "127.0.0.1",
                      "--dir",
                      directory.toString(),
                      "--save",
                      "",
                      "--appendonly",
                      "no",
                      "--protected-mode",
                      "no"))
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("redis.log").toFile())
              .start();
      awaitListening();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start redis-server (install it: ./streamspace test installs the test packages)",
          e);
    }
  }

  /** Kills the server at once, as a crash would. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  private void awaitListening() throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(
            "redis-server exited: " + Files.readString(directory.resolve("redis.log")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    }
    throw new IOException("redis-server did not listen on port " + port + " within 10 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
