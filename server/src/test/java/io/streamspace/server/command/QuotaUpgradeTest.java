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
import io.streamspace.server.support.OlderDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database from before ADR 0016, whose organizations held the quota in their events, upgrades to
 * the command side's quota table: each organization's latest limits and the shares its live
 * sessions hold. It is a database of its own next to the suite's, migrated as an installation of
 * that time was (every module but the command side's newest), then as the server migrates it.
 */
class QuotaUpgradeTest extends IntegrationTest {

  @Autowired DatabaseCoordinates database;

  @Autowired
  @Qualifier("eventSerializer")
  Serializer serializer;

  private OlderDatabase older;
  private JdbcTemplate old;

  @TempDir Path directory;

  @BeforeEach
  void aDatabaseOfBeforeTheQuotaTable() {
    older = OlderDatabase.without(jdbc, database, directory, "108");
    old = older.jdbc;
  }

  @AfterEach
  void dropIt() {
    older.close();
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

  private void upgrade() {
    older.upgrade();
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
    older.append(
        serializer, "Organization", aggregateId, sequence, event, MetaData.emptyInstance());
  }
}
