package io.streamspace.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.command.common.CommandSender;
import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.QuotaExceeded;
import io.streamspace.command.session.CreatedSession;
import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.CreateSession;
import io.streamspace.events.session.StopSession;
import io.streamspace.server.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The quota invariant on the real application and PostgreSQL: sessions racing for the last slots
 * never take more than the quota, and a refused session stores nothing at all.
 */
class SessionQuotaIntegrationTest extends IntegrationTest {

  private static final Resources SMALL = new Resources(100, 128);

  @Autowired CommandSender commands;

  private record Org(String id, String templateId, Requester admin) {}

  private Org organizationWithQuota(Quota quota) {
    Tenant tenant = newTenant(quota, SMALL);
    return new Org(tenant.organizationId(), tenant.templateId(), tenant.admin());
  }

  private int storedEvents(String payloadType, List<String> aggregateIds) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where payload_type = ?"
            + " and aggregate_identifier = any (?)",
        Integer.class,
        payloadType,
        aggregateIds.toArray(String[]::new));
  }

  @Test
  void twentyConcurrentCreatesAgainstAQuotaOfFiveAdmitExactlyFive() throws Exception {
    Org org = organizationWithQuota(new Quota(5, 100_000, 100_000));
    int requests = 20;
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    CountDownLatch start = new CountDownLatch(1);
    List<String> sessionIds = new ArrayList<>();
    List<Future<CreatedSession>> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < requests; i++) {
        String sessionId = newId();
        sessionIds.add(sessionId);
        Requester user = new Requester("user-" + i, org.id(), Role.USER);
        Caller caller = new Caller(user, "race-" + i, "127.0.0.1", "quota-race");
        Callable<CreatedSession> create =
            () -> {
              start.await();
              return commands
                  .<CreatedSession>send(
                      new CreateSession(sessionId, user, org.templateId(), null), caller)
                  .block();
            };
        outcomes.add(pool.submit(create));
      }
      start.countDown();

      int accepted = 0;
      int refused = 0;
      for (Future<CreatedSession> outcome : outcomes) {
        try {
          outcome.get(60, TimeUnit.SECONDS);
          accepted++;
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(QuotaExceeded.class); // a 409, never a 500
          refused++;
        }
      }
      assertThat(accepted).isEqualTo(5);
      assertThat(refused).isEqualTo(15);
    } finally {
      pool.shutdownNow();
    }
    assertThat(storedEvents("io.streamspace.events.session.SessionCreated", sessionIds))
        .isEqualTo(5);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from session_quota_hold where session_id = any (?)",
                Integer.class,
                (Object) sessionIds.toArray(String[]::new)))
        .isEqualTo(5);
    assertThat(usedSlots(org.id())).isEqualTo(5);
  }

  private int usedSlots(String organizationId) {
    return jdbc.queryForObject(
        "select sessions from organization_quota where organization_id = ?",
        Integer.class,
        organizationId);
  }

  @Test
  void aSessionRefusedByTheQuotaStoresNothing() {
    Org org = organizationWithQuota(new Quota(1, 100_000, 100_000));
    Requester ada = new Requester("ada", org.id(), Role.USER);
    send(new CreateSession(newId(), ada, org.templateId(), null), ada);
    int organizationEvents = eventsOf(org.id());
    String refusedId = newId();

    assertThatThrownBy(() -> send(new CreateSession(refusedId, ada, org.templateId(), null), ada))
        .isInstanceOf(QuotaExceeded.class)
        .hasMessageContaining("runs 1 of 1 sessions");

    assertThat(eventsOf(org.id())).isEqualTo(organizationEvents);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?"
                    + " or convert_from(payload, 'UTF8') like ?",
                Integer.class,
                refusedId,
                "%" + refusedId + "%"))
        .as("no event of or about the refused session")
        .isZero();
    assertThat(usedSlots(org.id())).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from session_quota_hold where session_id = ?",
                Integer.class,
                refusedId))
        .isZero();
  }

  private int eventsOf(String aggregateId) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where aggregate_identifier = ?",
        Integer.class,
        aggregateId);
  }

  @Test
  void aStoppedSessionGivesItsSlotToTheNextInTheSameTransaction() {
    Org org = organizationWithQuota(new Quota(1, 100_000, 100_000));
    Requester ada = new Requester("ada", org.id(), Role.USER);
    String first = newId();
    send(new CreateSession(first, ada, org.templateId(), null), ada);

    send(new StopSession(first, ada, "done"), ada);
    String second = newId();
    CreatedSession created = send(new CreateSession(second, ada, org.templateId(), null), ada);

    assertThat(created.id()).isEqualTo(second);
    assertThatThrownBy(() -> send(new StopSession(first, ada, "again"), ada))
        .isInstanceOf(Conflict.class)
        .hasMessage("session " + first + " is already stopped");
    assertThat(usedSlots(org.id())).as("the refused stop gave nothing back").isEqualTo(1);
  }
}
