package io.streamspace.query.support;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A real PostgreSQL for the query side's tests, started once per test JVM, with the query side's
 * own migrations applied: the projections write through JDBC and the queries read through R2DBC, as
 * in the server.
 */
public final class ReadModelDatabase {

  private static EmbeddedPostgres postgres;
  private static DatabaseClient databaseClient;

  private ReadModelDatabase() {}

  public static synchronized DataSource dataSource() {
    return postgres().getPostgresDatabase();
  }

  public static synchronized DatabaseClient databaseClient() {
    if (databaseClient == null) {
      PostgresqlConnectionFactory factory =
          new PostgresqlConnectionFactory(
              PostgresqlConnectionConfiguration.builder()
                  .host("localhost")
                  .port(postgres().getPort())
                  .database("postgres")
                  .username("postgres")
                  .build());
      databaseClient = DatabaseClient.create(factory);
    }
    return databaseClient;
  }

  public static JdbcTemplate jdbc() {
    return new JdbcTemplate(dataSource());
  }

  /** Empties every read table, so each test starts from nothing. */
  public static void clear() {
    jdbc().execute("truncate session_view, template_view, organization_view, user_view");
  }

  private static EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        // STACK.md trap 14: explicit directories (the defaults under /tmp collide between runs).
        Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "pg-");
        Path socket = Files.createDirectories(root.resolve("socket"));
        postgres =
            EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(root.resolve("work").toFile())
                .setDataDirectory(root.resolve("data"))
                .setCleanDataDirectory(true)
                .setServerConfig("unix_socket_directories", socket.toString())
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException ignored) {
                      // the JVM is exiting
                    }
                  }));
      Flyway.configure()
          .dataSource(postgres.getPostgresDatabase())
          .locations("classpath:db/migration/query")
          .load()
          .migrate();
    }
    return postgres;
  }
}
