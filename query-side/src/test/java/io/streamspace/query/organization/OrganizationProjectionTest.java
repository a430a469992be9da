package io.streamspace.query.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.OrganizationQuotaChanged;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.organization.SessionQuotaReleased;
import io.streamspace.events.organization.SessionQuotaReserved;
import io.streamspace.query.support.EventLog;
import io.streamspace.query.support.Projector;
import io.streamspace.query.support.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrganizationProjectionTest {

  private final EventLog log = new EventLog().actor("root", "system");
  private final OrganizationQueries queries =
      new OrganizationQueries(ReadModelDatabase.databaseClient());
  private Projector projector;

  @BeforeEach
  void emptyTables() {
    ReadModelDatabase.clear();
    projector = new Projector(new OrganizationProjection(ReadModelDatabase.dataSource()));
    projector.apply(
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
  void usageCountsReservedSessionsUntilTheyAreReleased() {
    projector.apply(
        reserved("s1", new Resources(1000, 1024)),
        reserved("s2", new Resources(500, 256)),
        log.next(
            "Organization",
            "acme",
            new SessionQuotaReleased("acme", "s1", new Resources(1000, 1024))));

    assertThat(queries.find("acme").block().usage())
        .isEqualTo(new OrganizationView.Usage(1, 500, 256));
  }

  @Test
  void aReservationDeliveredAgainCountsOnce() {
    var reservation = reserved("s1", new Resources(1000, 1024));
    projector.apply(reservation);

    projector.apply(reservation);

    assertThat(queries.find("acme").block().usage())
        .isEqualTo(new OrganizationView.Usage(1, 1000, 1024));
  }

  @Test
  void aQuotaChangeReplacesTheLimitsAndKeepsTheUsage() {
    projector.apply(
        reserved("s1", new Resources(1000, 1024)),
        log.next(
            "Organization",
            "acme",
            new OrganizationQuotaChanged("acme", new Quota(10, 8000, 16384))));

    OrganizationView view = queries.find("acme").block();
    assertThat(view.quota()).isEqualTo(new Quota(10, 8000, 16384));
    assertThat(view.usage()).isEqualTo(new OrganizationView.Usage(1, 1000, 1024));
  }

  @Test
  void aBatchCountsEachOfItsSessionsOnceAndKeepsItsOrderAroundAQuotaChange() {
    var batch =
        new org.axonframework.eventhandling.TrackedEventMessage<?>[] {
          reserved("s1", new Resources(1000, 1024)),
          reserved("s2", new Resources(500, 256)),
          log.next(
              "Organization",
              "acme",
              new OrganizationQuotaChanged("acme", new Quota(10, 8000, 16384))),
          reserved("s3", new Resources(250, 128)),
          log.next(
              "Organization",
              "acme",
              new SessionQuotaReleased("acme", "s1", new Resources(1000, 1024)))
        };

    projector.applyAsOneBatch(batch);

    OrganizationView view = queries.find("acme").block();
    assertThat(view.quota()).isEqualTo(new Quota(10, 8000, 16384));
    assertThat(view.usage()).isEqualTo(new OrganizationView.Usage(2, 750, 384));

    projector.applyAsOneBatch(batch);

    assertThat(queries.find("acme").block().usage())
        .as("a batch delivered again counts nothing")
        .isEqualTo(new OrganizationView.Usage(2, 750, 384));
  }

  @Test
  void aBatchAfterEventsAlreadyCountedCountsOnlyItsOwn() {
    var first = reserved("s1", new Resources(1000, 1024));
    projector.applyAsOneBatch(first);

    projector.applyAsOneBatch(reserved("s2", new Resources(500, 256)));

    assertThat(queries.find("acme").block().usage())
        .isEqualTo(new OrganizationView.Usage(2, 1500, 1280));
  }

  @Test
  void aResetEmptiesTheTableForTheReplay() {
    projector.reset();

    assertThat(queries.find("acme").blockOptional()).isEmpty();
  }

  private org.axonframework.eventhandling.TrackedEventMessage<?> reserved(
      String session, Resources resources) {
    return log.next("Organization", "acme", new SessionQuotaReserved("acme", session, resources));
  }
}
