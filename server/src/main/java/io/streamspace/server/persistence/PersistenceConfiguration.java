package io.streamspace.server.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * One PostgreSQL, two doors: JDBC for the event store, tokens and projections (with the real
 * transaction manager Axon needs), R2DBC for the reactive reads.
 *
 * <p>Declared by hand because R2DBC on the classpath switches off Boot's JDBC DataSource, and Axon
 * then silently runs without an event store or transactions (STACK.md traps 2 and 3).
 */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

  /** Where the database is, once known: external coordinates or the embedded server's. */
  public record DatabaseCoordinates(String jdbcUrl, String username, String password) {

    URI uri() {
      return URI.create(jdbcUrl.substring("jdbc:".length()));
    }
  }

  @Bean(destroyMethod = "close")
  EmbeddedPostgresHolder embeddedPostgres(DatabaseProperties properties) {
    if (!properties.embedded()) {
      return new EmbeddedPostgresHolder(null);
    }
    Path dataDir = properties.dataDir();
    if (dataDir == null) {
      throw new IllegalStateException("streamspace.database.data-dir must be set");
    }
    return new EmbeddedPostgresHolder(
        EmbeddedPostgresServer.start(
            dataDir,
            properties.embeddedBinariesDir(),
            properties.embeddedPort(),
            properties.embeddedFsync()));
  }

  @Bean
  DatabaseCoordinates databaseCoordinates(
      DatabaseProperties properties, EmbeddedPostgresHolder embedded) {
    if (embedded.server() != null) {
      return new DatabaseCoordinates(embedded.server().jdbcUrl(), "postgres", "");
    }
    return new DatabaseCoordinates(
        properties.url(),
        properties.username(),
        properties.password() == null ? "" : properties.password());
  }

  @Bean(destroyMethod = "close")
  @Primary
  HikariDataSource dataSource(DatabaseCoordinates db, DatabaseProperties properties) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("streamspace-jdbc");
    config.setJdbcUrl(db.jdbcUrl());
    config.setUsername(db.username());
    config.setPassword(db.password());
    config.setMaximumPoolSize(properties.maxPoolSize());
    config.setMinimumIdle(2);
    config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    // A command's events (two or three) are appended as one JDBC batch: rewritten into one
    // multi-row insert, they cost PostgreSQL one statement instead of one per event.
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new HikariDataSource(config);
  }

  @Bean
  @Primary
  PlatformTransactionManager transactionManager(DataSource dataSource) {
    return new DataSourceTransactionManager(dataSource);
  }

  @Bean
  JdbcTemplate jdbcTemplate(DataSource dataSource) {
    return new JdbcTemplate(dataSource);
  }

  @Bean(destroyMethod = "dispose")
  ConnectionPool connectionFactory(DatabaseCoordinates db, DatabaseProperties properties) {
    URI uri = db.uri();
    PostgresqlConnectionFactory postgres =
        new PostgresqlConnectionFactory(
            PostgresqlConnectionConfiguration.builder()
                .host(uri.getHost())
                .port(uri.getPort() > 0 ? uri.getPort() : 5432)
                .database(uri.getPath().replaceFirst("^/", ""))
                .username(db.username())
                .password(db.password())
                .applicationName("streamspace-reads")
                .build());
    return new ConnectionPool(
        ConnectionPoolConfiguration.builder(postgres)
            .name("streamspace-r2dbc")
            .initialSize(1)
            .maxSize(properties.maxReactivePoolSize())
            // Without a bound, a read that finds every connection taken waits forever; with one it
            // fails with R2dbcTimeoutException, which the API answers 503 (see ProblemMapper).
            .maxAcquireTime(properties.reactiveAcquireTimeout())
            .maxIdleTime(Duration.ofMinutes(5))
            .build());
  }

  @Bean
  R2dbcTransactionManager reactiveTransactionManager(ConnectionFactory connectionFactory) {
    return new R2dbcTransactionManager(connectionFactory);
  }

  @Bean
  DatabaseClient databaseClient(ConnectionFactory connectionFactory) {
    return DatabaseClient.create(connectionFactory);
  }

  /** Keeps the embedded server (or nothing, for an external database) for orderly shutdown. */
  public record EmbeddedPostgresHolder(EmbeddedPostgresServer server) implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }
}
