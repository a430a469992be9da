package io.streamspace.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.server.persistence.PersistenceConfiguration.DatabaseCoordinates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of its own next to the suite's, migrated as an installation of an older version was
 * (every migration of today but the newer ones named), which {@link #upgrade} then migrates as the
 * server does. Dropped on {@link #close}.
 */
public final class OlderDatabase implements AutoCloseable {

  private static final String[] ALL_LOCATIONS = {
    "classpath:db/migration/server",
    "classpath:db/migration/command",
    "classpath:db/migration/query"
  };

  private final JdbcTemplate suite;
  private final String name;
  private final DriverManagerDataSource dataSource;

  /** Today's state of the data the older server wrote; its SQL runs against the older database. */
  public final JdbcTemplate jdbc;

  private OlderDatabase(JdbcTemplate suite, DatabaseCoordinates database) {
    this.suite = suite;
    this.name = "older_" + UUID.randomUUID().toString().replace("-", "");
    suite.execute("create database " + name);
    String url = database.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    this.dataSource = new DriverManagerDataSource(url, database.username(), database.password());
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /**
   * A database migrated with every migration there is but {@code newer} (versions), copied to
   * {@code directory}: those then come after later versions of the other modules, as on an upgrade.
   */
  public static OlderDatabase without(
      JdbcTemplate suite, DatabaseCoordinates database, Path directory, String... newer) {
    OlderDatabase older = new OlderDatabase(suite, database);
    Set<String> left = Set.of(newer);
    try {
      for (MigrationInfo migration :
          Flyway.configure()
              .dataSource(older.dataSource)
              .locations(ALL_LOCATIONS)
              .load()
              .info()
              .all()) {
        if (left.contains(migration.getVersion().getVersion())) {
          continue;
        }
        for (String location : ALL_LOCATIONS) {
          String resource = location.substring("classpath:".length()) + "/" + migration.getScript();
          try (InputStream in =
              OlderDatabase.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
              Files.copy(in, directory.resolve(migration.getScript()));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(directory.toFile().list()).hasSizeGreaterThan(20);
    Flyway.configure()
        .dataSource(older.dataSource)
        .locations("filesystem:" + directory)
        .load()
        .migrate();
    return older;
  }

  /** Migrates as the server does: everything, in the order of the versions, late ones included. */
  public void upgrade() {
    Flyway.configure()
        .dataSource(dataSource)
        .locations(ALL_LOCATIONS)
        .outOfOrder(true)
        .load()
        .migrate();
  }

  /**
   * Appends an event as Axon's own statement stored one, the payload and metadata by {@code
   * serializer}; its global index.
   */
  public long append(
      Serializer serializer,
      String aggregateType,
      String aggregateId,
      long sequence,
      Object payload,
      Object metaData) {
    SerializedObject<byte[]> data = serializer.serialize(payload, byte[].class);
    return jdbc.queryForObject(
        "insert into domain_event_entry (event_identifier, meta_data, payload, payload_revision,"
            + " payload_type, time_stamp, aggregate_identifier, sequence_number, type)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning global_index",
        Long.class,
        UUID.randomUUID().toString(),
        serializer.serialize(metaData, byte[].class).getData(),
        data.getData(),
        data.getType().getRevision(),
        data.getType().getName(),
        Instant.now().toString(),
        aggregateId,
        sequence,
        aggregateType);
  }

  @Override
  public void close() {
    suite.execute("drop database if exists " + name + " with (force)");
  }
}
