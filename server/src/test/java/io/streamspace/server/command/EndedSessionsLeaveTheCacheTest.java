package io.streamspace.server.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.command.common.AggregateCacheConfiguration;
import io.streamspace.command.common.Conflict;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.CreateSession;
import io.streamspace.events.session.StopSession;
import io.streamspace.server.support.IntegrationTest;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The session cache holds the sessions commands still come for: a stopped one is dropped as its
 * stop commits, and a later command for it is answered from the event store as before.
 */
class EndedSessionsLeaveTheCacheTest extends IntegrationTest {

  @Autowired
  @Qualifier(AggregateCacheConfiguration.SESSION_CACHE)
  Cache sessions;

  @Autowired
  @Qualifier(AggregateCacheConfiguration.ORGANIZATION_CACHE)
  Cache organizations;

  @Test
  void aStoppedSessionLeavesTheCacheAndStillRefusesASecondStop() {
    Tenant tenant = newTenant(new Quota(10, 100_000, 100_000), new Resources(100, 128));
    Requester alice = tenant.user("alice");
    String running = newId();
    String stopped = newId();
    send(new CreateSession(running, alice, tenant.templateId(), null), alice);
    send(new CreateSession(stopped, alice, tenant.templateId(), null), alice);
    assertThat(sessions.containsKey(stopped)).isTrue();

    send(new StopSession(stopped, alice, "done"), alice);

    assertThat(sessions.containsKey(stopped)).isFalse();
    assertThat(sessions.containsKey(running)).isTrue();
    assertThat(organizations.containsKey(tenant.organizationId())).isTrue();
    assertThatThrownBy(() -> send(new StopSession(stopped, alice, "again"), alice))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("already stopped");
    assertThat(sessions.containsKey(stopped)).isFalse();
  }
}
