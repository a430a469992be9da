package io.streamspace.query.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.OrganizationQuotaChanged;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.organization.SessionQuotaReleased;
import io.streamspace.events.organization.SessionQuotaReserved;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionFailed;
import io.streamspace.events.session.SessionHibernated;
import io.streamspace.events.session.SessionRunning;
import io.streamspace.events.session.SessionStopped;
import io.streamspace.query.session.SessionProjection;
import io.streamspace.query.support.EventLog;
import io.streamspace.query.support.Projector;
import io.streamspace.query.support.ReadModelDatabase;
import io.streamspace.query.support.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The organizations read model: limits from the organization's events, usage counted from the
 * sessions read model's live sessions (ADR 0016).
 */
class OrganizationProjectionTest {

  private final EventLog log = new EventLog().actor("root", "system");
  private final OrganizationQueries queries =
      new OrganizationQueries(ReadModelDatabase.databaseClient());
  private Projector organizations;
  private Projector sessions;

  @BeforeEach
  void emptyTables() {
    ReadModelDatabase.clear();
    organizations = new Projector(new OrganizationProjection(ReadModelDatabase.dataSource()));
    sessions = new Projector(new SessionProjection(ReadModelDatabase.dataSource()));
    organizations.apply(
        log.next(
            "Organization",
            "acme",
            new OrganizationCreated("acme", "acme", "ACME Corp", new Quota(5, 4000, 8192))));
  }

  @Test
  void aNewOrganizationHasItsQuotaAndUsesNothing() {
    OrganizationView view = queries.find("acme").block();

    assertThat(view.name()).isEqualTo("acme");
    assertThat(view.displayName()).isEqualTo("ACME Corp");
    assertThat(view.quota()).isEqualTo(new Quota(5, 4000, 8192));
    assertThat(view.usage()).isEqualTo(new OrganizationView.Usage(0, 0, 0));
  }

  @Test
  void usageCountsLiveSessionsUntilTheyStopOrFail() {
    sessions.apply(
        created("s1", "acme", new Resources(1000, 1024)),
        created("s2", "acme", new Resources(500, 256)),
        created("s3", "acme", new Resources(250, 128)),
        created("s4", "acme", new Resources(100, 64)),
        log.next("Session", "s2", new SessionRunning("s2", "acme", "127.0.0.1:5901")),
        log.next("Session", "s2", new SessionHibernated("s2", "acme", "idle")),
        log.next("Session", "s1", new SessionStopped("s1", "acme", "done")),
        log.next("Session", "s3", new SessionFailed("s3", "acme", "image not found")));

    assertThat(queries.find("acme").block().usage())
        .as("s2 hibernated and s4 pending still hold their share")
        .isEqualTo(new OrganizationView.Usage(2, 600, 320));
  }

  @Test
  void anotherOrganizationsSessionsAreNotCounted() {
    organizations.apply(
        log.next(
            "Organization",
            "globex",
            new OrganizationCreated("globex", "globex", "Globex", new Quota(1, 1000, 1024))));
    sessions.apply(created("s1", "globex", new Resources(1000, 1024)));

    assertThat(queries.find("acme").block().usage()).isEqualTo(new OrganizationView.Usage(0, 0, 0));
    assertThat(queries.find("globex").block().usage())
        .isEqualTo(new OrganizationView.Usage(1, 1000, 1024));
  }

  @Test
  void theQuotaEventsOfOldHistoriesAreNotCountedBesideTheirSessions() {
    // until ADR 0016 every session also reserved and released its share in the organization
    sessions.apply(created("s1", "acme", new Resources(1000, 1024)));
    organizations.apply(
        log.next(
            "Organization",
            "acme",
            new SessionQuotaReserved("acme", "s1", new Resources(1000, 1024))),
        log.next(
            "Organization", "acme", new SessionQuotaReserved("acme", "s2", new Resources(1, 1))),
        log.next(
            "Organization", "acme", new SessionQuotaReleased("acme", "s2", new Resources(1, 1))));

    assertThat(queries.find("acme").block().usage())
        .isEqualTo(new OrganizationView.Usage(1, 1000, 1024));
  }

  @Test
  void aQuotaChangeReplacesTheLimitsAndKeepsTheUsage() {
    sessions.apply(created("s1", "acme", new Resources(1000, 1024)));
    var change =
        log.next(
            "Organization",
            "acme",
            new OrganizationQuotaChanged("acme", new Quota(10, 8000, 16384)));
    organizations.apply(change);
    organizations.apply(change);

    OrganizationView view = queries.find("acme").block();
    assertThat(view.quota()).isEqualTo(new Quota(10, 8000, 16384));
    assertThat(view.usage()).isEqualTo(new OrganizationView.Usage(1, 1000, 1024));
  }

  @Test
  void anOlderQuotaDeliveredAgainDoesNotUndoANewerOne() {
    var first =
        log.next(
            "Organization",
            "acme",
            new OrganizationQuotaChanged("acme", new Quota(10, 8000, 16384)));
    var second =
        log.next("Organization", "acme", new OrganizationQuotaChanged("acme", new Quota(1, 1, 1)));
    organizations.applyAsOneBatch(first, second);

    organizations.apply(first);

    assertThat(queries.find("acme").block().quota()).isEqualTo(new Quota(1, 1, 1));
  }

  @Test
  void aResetEmptiesTheTableForTheReplay() {
    organizations.reset();

    assertThat(queries.find("acme").blockOptional()).isEmpty();
  }

  private org.axonframework.eventhandling.TrackedEventMessage<?> created(
      String session, String organization, Resources resources) {
    return log.next(
        "Session",
        session,
        new SessionCreated(session, organization, "ada", "t-1", Samples.xterm(), resources));
  }
}
