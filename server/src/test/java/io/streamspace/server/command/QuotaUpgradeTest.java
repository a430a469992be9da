package io.streamspace.server.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.OrganizationQuotaChanged;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.organization.SessionQuotaReleased;
import io.streamspace.events.organization.SessionQuotaReserved;
import io.streamspace.server.persistence.PersistenceConfiguration.DatabaseCoordinates;
import io.streamspace.server.support.IntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database from before ADR 0016, whose organizations held the quota in their events, upgrades to
 * the command side's quota table: each organization's latest limits and the shares its live
 * sessions hold. It is a database of its own next to the suite's, migrated as an installation of
 * that time was (every module but the command side's newest), then as the server migrates it.
 */
class QuotaUpgradeTest extends IntegrationTest {

  private static final String[] ALL_LOCATIONS = {
    "classpath:db/migration/server",
    "classpath:db/migration/command",
    "classpath:db/migration/query"
  };

  @Autowired DatabaseCoordinates database;

  @Autowired
  @Qualifier("eventSerializer")
  Serializer serializer;

  private final String name = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
  private DriverManagerDataSource upgraded;
  private JdbcTemplate old;

  @TempDir Path directory;

  @BeforeEach
  void aDatabaseOfBeforeTheQuotaTable() throws IOException {
    jdbc.execute("create database " + name);
    String url = database.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    upgraded = new DriverManagerDataSource(url, database.username(), database.password());
    old = new JdbcTemplate(upgraded);
    // as an installation of that time: every migration there is but the quota table's, which
    // then comes after later versions of the other modules
    Flyway.configure()
        .dataSource(upgraded)
        .locations("filesystem:" + migrationsBeforeTheQuotaTable())
        .load()
        .migrate();
  }

  /** {@code directory} filled with every migration of the server's but V108. */
  private Path migrationsBeforeTheQuotaTable() throws IOException {
    for (MigrationInfo migration :
        Flyway.configure().dataSource(upgraded).locations(ALL_LOCATIONS).load().info().all()) {
      if (migration.getVersion().getVersion().equals("108")) {
        continue;
      }
      for (String location : ALL_LOCATIONS) {
        String resource = location.substring("classpath:".length()) + "/" + migration.getScript();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
          if (in != null) {
            Files.copy(in, directory.resolve(migration.getScript()));
          }
        }
      }
    }
    assertThat(directory.toFile().list()).hasSizeGreaterThan(20);
    return directory;
  }

  @AfterEach
  void dropIt() {
    jdbc.execute("drop database if exists " + name + " with (force)");
  }

  @Test
  void limitsAndTheSharesOfLiveSessionsAreCarriedOver() {
    Resources small = new Resources(500, 256);
    append("acme", 0, new OrganizationCreated("acme", "acme", "ACME", new Quota(3, 3000, 3072)));
    append("acme", 1, new SessionQuotaReserved("acme", "s1", small));
    append("acme", 2, new SessionQuotaReserved("acme", "s2", new Resources(1000, 1024)));
    append("acme", 3, new OrganizationQuotaChanged("acme", new Quota(4, 4000, 4096)));
    append("acme", 4, new SessionQuotaReleased("acme", "s1", small));
    append("acme", 5, new SessionQuotaReserved("acme", "s3", small));
    append("globex", 0, new OrganizationCreated("globex", "globex", "G", new Quota(1, 1, 1)));
    append("initech", 0, new OrganizationCreated("initech", "initech", "I", new Quota(2, 2, 2)));
    append("initech", 1, new SessionQuotaReserved("initech", "s4", new Resources(1, 1)));
    append("initech", 2, new SessionQuotaReleased("initech", "s4", new Resources(1, 1)));

    upgrade();

    assertThat(
            old.queryForList(
                "select organization_id, max_sessions, max_cpu_millis, max_memory_mb, sessions,"
                    + " cpu_millis, memory_mb from organization_quota order by organization_id"))
        .containsExactly(
            row("acme", 4, 4000, 4096, 2, 1500, 1280),
            row("globex", 1, 1, 1, 0, 0, 0),
            row("initech", 2, 2, 2, 0, 0, 0));
    assertThat(
            old.queryForList(
                "select session_id, organization_id, cpu_millis, memory_mb"
                    + " from session_quota_hold order by session_id"))
        .containsExactly(
            Map.of(
                "session_id",
                "s2",
                "organization_id",
                "acme",
                "cpu_millis",
                1000,
                "memory_mb",
                1024),
            Map.of(
                "session_id",
                "s3",
                "organization_id",
                "acme",
                "cpu_millis",
                500,
                "memory_mb",
                256));
  }

  @Test
  void anEmptyDatabaseUpgradesToEmptyTables() {
    upgrade();

    assertThat(old.queryForObject("select count(*) from organization_quota", Integer.class))
        .isZero();
    assertThat(old.queryForObject("select count(*) from session_quota_hold", Integer.class))
        .isZero();
  }

  /** Migrates as the server does: everything, in the order of the versions, late ones included. */
  private void upgrade() {
    Flyway.configure()
        .dataSource(upgraded)
        .locations(ALL_LOCATIONS)
        .outOfOrder(true)
        .load()
        .migrate();
  }

  private static Map<String, Object> row(
      String id, int maxSessions, int maxCpu, int maxMemory, int sessions, int cpu, int memory) {
    return Map.of(
        "organization_id", id,
        "max_sessions", maxSessions,
        "max_cpu_millis", maxCpu,
        "max_memory_mb", maxMemory,
        "sessions", sessions,
        "cpu_millis", cpu,
        "memory_mb", memory);
  }

  /** Appends an event as the server of that time stored it, payload by its own serializer. */
  private void append(String aggregateId, long sequence, Object event) {
    SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
    old.update(
        "insert into domain_event_entry (event_identifier, meta_data, payload, payload_revision,"
            + " payload_type, time_stamp, aggregate_identifier, sequence_number, type)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, 'Organization')",
        UUID.randomUUID().toString(),
        "{}".getBytes(),
        payload.getData(),
        payload.getType().getRevision(),
        payload.getType().getName(),
        Instant.now().toString(),
        aggregateId,
        sequence);
  }
}
