package io.streamspace.server.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone mode's PostgreSQL: real PostgreSQL binaries (from Maven) running as a child
 * process, with its data kept in the platform's data directory so a restart keeps every event.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final Path connectionFile;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path connectionFile) {
    this.postgres = postgres;
    this.connectionFile = connectionFile;
  }

  /**
   * Starts PostgreSQL on {@code dataDir/postgres}, creating the cluster on first use; {@code fsync}
   * false trades durability for speed and suits only throw-away test databases.
   */
  public static EmbeddedPostgresServer start(
      Path dataDir, Path binariesDir, int port, boolean fsync) {
    try {
      Path root = dataDir.toAbsolutePath().normalize();
      Path data = Files.createDirectories(root.resolve("postgres/data"));
      // zonky unpacks binaries under /tmp and puts the socket there unless told otherwise; keep
      // both beside the data so two installations never share them (STACK.md trap 14).
      Path work =
          Files.createDirectories(
              binariesDir != null ? binariesDir.toAbsolutePath() : root.resolve("postgres/bin"));
      Path sockets = Files.createDirectories(root.resolve("postgres/run"));
      removeStalePidFile(data);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setOverrideWorkingDirectory(work.toFile())
              .setServerConfig("unix_socket_directories", sockets.toString())
              .setServerConfig("listen_addresses", "localhost")
              .setServerConfig("max_connections", "200")
              .setServerConfig("shared_buffers", "256MB")
              // The event store is the source of truth: keep fsync on; commit latency is
              // amortised by PostgreSQL's group commit.
              .setServerConfig("synchronous_commit", "on")
              // zonky starts PostgreSQL with -F (fsync off), fit for tests only; the platform
              // keeps its data unless told it may lose it.
              .setServerConfig("fsync", fsync ? "on" : "off")
              // Spring stops the database after everything using it; zonky's own JVM hook would
              // race that order.
              .setRegisterShutdownHook(false)
              .setPGStartupWait(Duration.ofSeconds(60));
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres postgres = builder.start();
      Path connectionFile = root.resolve("postgres/connection.url");
      Files.writeString(
          connectionFile, "postgresql://postgres@localhost:" + postgres.getPort() + "/postgres\n");
      log.info("Embedded PostgreSQL running on port {} with data in {}", postgres.getPort(), data);
      return new EmbeddedPostgresServer(postgres, connectionFile);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDir, e);
    }
  }

  /**
   * A postmaster.pid left by a killed run would stop PostgreSQL from starting; a live one stays.
   */
  private static void removeStalePidFile(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
    boolean alive =
        !firstLine.isEmpty()
            && ProcessHandle.of(Long.parseLong(firstLine))
                .map(ProcessHandle::isAlive)
                .orElse(false);
    if (!alive) {
      log.warn("Removing stale {} left by a PostgreSQL that did not stop cleanly", pidFile);
      Files.delete(pidFile);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  @Override
  public void close() {
    try {
      postgres.close();
      Files.deleteIfExists(connectionFile);
      log.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
    }
  }
}
