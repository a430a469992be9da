package io.streamspace.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.streamspace.command.common.QuotaExceeded;
import io.streamspace.command.organization.JdbcOrganizationQuotas;
import io.streamspace.command.organization.OrganizationQuotas;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.ChangeOrganizationQuota;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.CreateSession;
import io.streamspace.events.session.StopSession;
import io.streamspace.server.persistence.PersistenceConfiguration.DatabaseCoordinates;
import io.streamspace.server.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The quota as the command side enforces it (ADR 0016), on the real PostgreSQL: what fits and what
 * does not, what ending a session gives back, and "another replica": a second pool of connections
 * to the same database taking shares through its own {@link JdbcOrganizationQuotas}, racing this
 * application's creates with nothing shared but the database.
 */
class OrganizationQuotasIntegrationTest extends IntegrationTest {

  private static final Resources SMALL = new Resources(500, 512);

  @Autowired OrganizationQuotas quotas;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired DatabaseCoordinates database;

  private HikariDataSource replica2Pool;
  private OrganizationQuotas replica2;
  private TransactionTemplate replica2Transactions;

  @BeforeEach
  void anotherReplica() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(database.username());
    config.setPassword(database.password());
    config.setMaximumPoolSize(12);
    replica2Pool = new HikariDataSource(config);
    replica2 = new JdbcOrganizationQuotas(new JdbcTemplate(replica2Pool));
    replica2Transactions = new TransactionTemplate(new DataSourceTransactionManager(replica2Pool));
  }

  @AfterEach
  void closeTheOtherReplica() {
    replica2Pool.close();
  }

  /** An organization of {@code quota}, opened as its creation opens it. */
  private String organization(Quota quota) {
    return newTenant(quota, SMALL).organizationId();
  }

  private void take(String organizationId, String sessionId, Resources resources) {
    new TransactionTemplate(transactionManager)
        .executeWithoutResult(t -> quotas.take(organizationId, sessionId, resources));
  }

  private void giveBack(String sessionId) {
    new TransactionTemplate(transactionManager)
        .executeWithoutResult(t -> quotas.giveBack(sessionId));
  }

  /** sessions, CPU and memory the organization's live sessions hold. */
  private List<Integer> used(String organizationId) {
    return jdbc.queryForObject(
        "select sessions, cpu_millis, memory_mb from organization_quota where organization_id = ?",
        (row, n) -> List.of(row.getInt(1), row.getInt(2), row.getInt(3)),
        organizationId);
  }

  private int holds(String organizationId) {
    return jdbc.queryForObject(
        "select count(*) from session_quota_hold where organization_id = ?",
        Integer.class,
        organizationId);
  }

  @Test
  void aSessionThatFitsTakesItsShare() {
    String org = organization(new Quota(2, 2000, 2048));

    take(org, "s1-" + org, new Resources(700, 900));

    assertThat(used(org)).containsExactly(1, 700, 900);
    assertThat(holds(org)).isEqualTo(1);
  }

  @Test
  void noSessionFitsOnceTheSessionLimitIsReached() {
    String org = organization(new Quota(2, 2000, 2048));
    take(org, "s1-" + org, SMALL);
    take(org, "s2-" + org, SMALL);

    assertThatThrownBy(() -> take(org, "s3-" + org, SMALL))
        .isInstanceOf(QuotaExceeded.class)
        .hasMessage(
            "quota exceeded: the organization runs 2 of 2 sessions and uses 1000 of 2000 CPU"
                + " millicores and 1024 of 2048 MiB memory; the new session asks for 500"
                + " millicores and 512 MiB");
    assertThat(used(org)).containsExactly(2, 1000, 1024);
    assertThat(holds(org)).isEqualTo(2);
  }

  @Test
  void aSessionAskingForMoreCpuOrMemoryThanIsLeftIsRefused() {
    String org = organization(new Quota(5, 2000, 2048));
    take(org, "s1-" + org, new Resources(1800, 2000));

    assertThatThrownBy(() -> take(org, "s2-" + org, new Resources(201, 1)))
        .isInstanceOf(QuotaExceeded.class);
    assertThatThrownBy(() -> take(org, "s3-" + org, new Resources(1, 49)))
        .isInstanceOf(QuotaExceeded.class);
    assertThat(used(org)).containsExactly(1, 1800, 2000);
  }

  @Test
  void aSessionTakingExactlyWhatIsLeftFits() {
    String org = organization(new Quota(2, 2000, 2048));
    take(org, "s1-" + org, new Resources(1500, 1500));

    take(org, "s2-" + org, new Resources(500, 548));

    assertThat(used(org)).containsExactly(2, 2000, 2048);
  }

  @Test
  void givingBackReturnsExactlyWhatTheSessionHeldAndOnlyOnce() {
    String org = organization(new Quota(5, 5000, 5000));
    take(org, "s1-" + org, new Resources(700, 900));
    take(org, "s2-" + org, SMALL);

    giveBack("s1-" + org);
    giveBack("s1-" + org);
    giveBack("never-took-" + org);

    assertThat(used(org)).containsExactly(1, 500, 512);
    assertThat(holds(org)).isEqualTo(1);
  }

  @Test
  void aLowerQuotaEndsNoSessionButAdmitsNoNewOne() {
    String org = organization(new Quota(2, 2000, 2048));
    Requester root = Requester.system("root");
    take(org, "s1-" + org, SMALL);
    take(org, "s2-" + org, SMALL);

    send(new ChangeOrganizationQuota(org, new Quota(1, 2000, 2048)), root);

    assertThat(used(org)).containsExactly(2, 1000, 1024);
    assertThatThrownBy(() -> take(org, "s3-" + org, SMALL)).isInstanceOf(QuotaExceeded.class);
    giveBack("s1-" + org);
    assertThatThrownBy(() -> take(org, "s4-" + org, SMALL))
        .as("one session still runs, and one is the limit now")
        .isInstanceOf(QuotaExceeded.class);
    giveBack("s2-" + org);
    take(org, "s5-" + org, SMALL);
  }

  @Test
  void aShareAnotherReplicaHoldsDecidesTheRaceOnlyOnceItsTransactionEnds() throws Exception {
    Tenant tenant = newTenant(new Quota(1, 100_000, 100_000), SMALL);
    String org = tenant.organizationId();
    Requester ada = tenant.user("ada");
    CountDownLatch taken = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // replica 2 takes the last slot and keeps its transaction open
    CompletableFuture<Void> replica2Create =
        CompletableFuture.runAsync(
            () ->
                replica2Transactions.executeWithoutResult(
                    t -> {
                      replica2.take(org, "elsewhere-" + org, SMALL);
                      taken.countDown();
                      await(release);
                      t.setRollbackOnly(); // its create failed after all
                    }));
    assertThat(taken.await(30, TimeUnit.SECONDS)).isTrue();

    String here = newId();
    CompletableFuture<Object> create =
        CompletableFuture.supplyAsync(
            () -> send(new CreateSession(here, ada, tenant.templateId(), null), ada));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and query like '%update organization_quota%'",
                        Integer.class)
                    > 0);
    assertThat(create).as("waits for the other replica's transaction").isNotDone();

    release.countDown();
    replica2Create.get(30, TimeUnit.SECONDS);
    create.get(30, TimeUnit.SECONDS);
    assertThat(used(org)).containsExactly(1, 500, 512);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from session_quota_hold where session_id = ?",
                Integer.class,
                here))
        .isOne();

    // and once replica 2 commits the slot it took, this replica can take none
    String again = "again-" + org;
    send(new StopSession(here, ada, "done"), ada);
    replica2Transactions.executeWithoutResult(t -> replica2.take(org, again, SMALL));
    assertThatThrownBy(() -> send(new CreateSession(newId(), ada, tenant.templateId(), null), ada))
        .isInstanceOf(QuotaExceeded.class);
  }

  @Test
  void createsRacingOnTwoReplicasAgainstAQuotaOfFiveAdmitExactlyFive() throws Exception {
    Tenant tenant = newTenant(new Quota(5, 100_000, 100_000), SMALL);
    String org = tenant.organizationId();
    int perReplica = 10;
    ExecutorService pool = Executors.newFixedThreadPool(2 * perReplica);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < perReplica; i++) {
        Requester user = tenant.user("user-" + i);
        String here = newId();
        outcomes.add(
            pool.submit(
                () -> {
                  await(start);
                  return send(new CreateSession(here, user, tenant.templateId(), null), user);
                }));
        String there = "replica2-" + i + "-" + org;
        outcomes.add(
            pool.submit(
                () -> {
                  await(start);
                  replica2Transactions.executeWithoutResult(t -> replica2.take(org, there, SMALL));
                  return there;
                }));
      }
      start.countDown();
      int accepted = 0;
      for (Future<?> outcome : outcomes) {
        try {
          outcome.get(60, TimeUnit.SECONDS);
          accepted++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(QuotaExceeded.class);
        }
      }
      assertThat(accepted).isEqualTo(5);
    } finally {
      pool.shutdownNow();
    }
    assertThat(used(org)).containsExactly(5, 2500, 2560);
    assertThat(holds(org)).isEqualTo(5);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
