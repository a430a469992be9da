package io.streamspace.command.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.command.common.QuotaExceeded;
import io.streamspace.command.organization.InMemoryOrganizationNames;
import io.streamspace.command.organization.InMemoryOrganizationQuotas;
import io.streamspace.command.organization.Organization;
import io.streamspace.command.organization.OrganizationCreation;
import io.streamspace.command.template.Template;
import io.streamspace.events.common.AuditMetadata;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.CreateSession;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.StopSession;
import io.streamspace.events.template.CreateTemplate;
import io.streamspace.events.template.DeleteTemplate;
import io.streamspace.events.template.TemplateDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Creating and stopping sessions takes and gives back quota in the same unit of work: run here
 * through Axon's real command bus, repositories and event store (in memory), with the target
 * resolver wired the way the Spring application wires it, per aggregate.
 */
class SessionQuotaFlowTest {

  private static final String ORG = "org-1";
  private static final String TEMPLATE = "t-xterm";
  private static final Requester ADMIN = new Requester("admin", ORG, Role.ORG_ADMIN);
  private static final Requester ADA = new Requester("ada", ORG, Role.USER);
  private static final Resources DEFAULTS = new Resources(500, 256);
  private static final TemplateDefinition XTERM =
      new TemplateDefinition(
          "xterm",
          "XTerm",
          null,
          null,
          null,
          null,
          null,
          List.of("xterm"),
          DEFAULTS,
          5900,
          Map.of());

  private Configuration axon;
  private final InMemoryOrganizationQuotas quotas = new InMemoryOrganizationQuotas();

  /** What the agents would say to a new session: null while one could take it. */
  private String noAgentBecause;

  private Resources askedFor;

  @BeforeEach
  void startAxon() {
    PublishedLanguageTargetResolver resolver = new PublishedLanguageTargetResolver();
    axon =
        DefaultConfigurer.defaultConfiguration()
            .configureSerializer(c -> Jackson3Serializer.builder().build())
            .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
            // as the server does: the audit keys travel from each command onto its events
            .configureCorrelationDataProviders(
                c ->
                    List.of(
                        new SimpleCorrelationDataProvider(
                            AuditMetadata.KEYS.toArray(String[]::new))))
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(Organization.class)
                    .configureCommandTargetResolver(c -> resolver))
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(Template.class)
                    .configureCommandTargetResolver(c -> resolver))
            .configureAggregate(
                AggregateConfigurer.defaultConfiguration(Session.class)
                    .configureCommandTargetResolver(c -> resolver))
            .registerCommandHandler(
                c ->
                    new SessionCreationHandler(
                        c.repository(Session.class),
                        c.repository(Template.class),
                        quotas,
                        (template, resources) -> {
                          askedFor = resources;
                          return Optional.ofNullable(noAgentBecause);
                        }))
            .registerCommandHandler(
                c -> new SessionEndingHandler(c.repository(Session.class), quotas))
            .registerCommandHandler(
                c ->
                    new OrganizationCreation(
                        c.repository(Organization.class), new InMemoryOrganizationNames(), quotas))
            .buildConfiguration();
    axon.start();
    send(new CreateOrganization(ORG, "acme", "Acme", new Quota(2, 10_000, 10_000)), ADMIN);
    send(new CreateTemplate(TEMPLATE, ADMIN, XTERM), ADMIN);
  }

  @AfterEach
  void stopAxon() {
    axon.shutdown();
  }

  private <R> R send(Object command, Requester requester) {
    return axon.commandGateway()
        .sendAndWait(command, MetaData.with(AuditMetadata.ACTOR_ID, requester.userId()));
  }

  private List<DomainEventMessage<?>> history(String aggregateId) {
    return axon.eventStore()
        .readEvents(aggregateId)
        .asStream()
        .<DomainEventMessage<?>>map(m -> m)
        .toList();
  }

  private List<Object> payloads(String aggregateId) {
    return history(aggregateId).stream().map(m -> (Object) m.getPayload()).toList();
  }

  @Test
  void aNewSessionCopiesItsTemplateAndTakesItsShareOfTheQuota() {
    CreatedSession created = send(new CreateSession("s1", ADA, TEMPLATE, null), ADA);

    assertThat(created.status().wireName()).isEqualTo("pending");
    assertThat(created.resources()).isEqualTo(DEFAULTS);
    assertThat(payloads("s1"))
        .containsExactly(new SessionCreated("s1", ORG, "ada", TEMPLATE, XTERM, DEFAULTS));
    assertThat(quotas.sessionsOf(ORG)).isEqualTo(1);
    assertThat(quotas.usedBy(ORG)).isEqualTo(DEFAULTS);
    // the share is no event of the organization's (ADR 0016)
    assertThat(payloads(ORG)).singleElement().isInstanceOf(OrganizationCreated.class);
  }

  @Test
  void aSessionNoAgentCouldRunSaysWhyItWaitsInItsCreation() {
    noAgentBecause = "waiting for an agent: none is connected";
    Resources big = new Resources(2000, 4096);

    send(new CreateSession("s1", ADA, TEMPLATE, big), ADA);

    assertThat(askedFor).isEqualTo(big);
    // one event: the dispatcher reads the reason off the creation, with no command of its own
    assertThat(payloads("s1"))
        .containsExactly(
            new SessionCreated(
                "s1", ORG, "ada", TEMPLATE, XTERM, big, "waiting for an agent: none is connected"));
    assertThat(history("s1").get(0).getMetaData()).containsEntry(AuditMetadata.ACTOR_ID, "ada");
  }

  @Test
  void aSessionRefusedByTheQuotaRecordsNoWaiting() {
    noAgentBecause = "waiting for an agent: none is connected";
    send(new CreateSession("s1", ADA, TEMPLATE, null), ADA);
    send(new CreateSession("s2", ADA, TEMPLATE, null), ADA);

    assertThatThrownBy(() -> send(new CreateSession("s3", ADA, TEMPLATE, null), ADA))
        .isInstanceOf(QuotaExceeded.class);
    assertThat(payloads("s3")).isEmpty();
  }

  @Test
  void requestedResourcesReplaceTheTemplatesDefaults() {
    Resources big = new Resources(2000, 4096);
    send(new CreateSession("s1", ADA, TEMPLATE, big), ADA);

    assertThat(quotas.usedBy(ORG)).isEqualTo(big);
  }

  @Test
  void aSessionBeyondTheQuotaIsRefusedAndLeavesNothingBehind() {
    send(new CreateSession("s1", ADA, TEMPLATE, null), ADA);
    send(new CreateSession("s2", ADA, TEMPLATE, null), ADA);
    int organizationEvents = history(ORG).size();

    assertThatThrownBy(() -> send(new CreateSession("s3", ADA, TEMPLATE, null), ADA))
        .isInstanceOf(QuotaExceeded.class);
    assertThat(history("s3")).isEmpty();
    assertThat(history(ORG)).hasSize(organizationEvents);
    assertThat(quotas.sessionsOf(ORG)).isEqualTo(2);
  }

  @Test
  void aStoppedSessionFreesItsSlotForTheNextOne() {
    send(new CreateSession("s1", ADA, TEMPLATE, null), ADA);
    send(new CreateSession("s2", ADA, TEMPLATE, null), ADA);

    send(new StopSession("s1", ADA, "done"), ADA);
    send(new CreateSession("s3", ADA, TEMPLATE, null), ADA);

    assertThat(payloads("s3")).hasSize(1);
    assertThat(quotas.sessionsOf(ORG)).isEqualTo(2);
    assertThat(quotas.usedBy(ORG)).isEqualTo(DEFAULTS.plus(DEFAULTS));
  }

  @Test
  void aDeletedTemplateStartsNoSessionAndTakesNoQuota() {
    send(new DeleteTemplate(TEMPLATE, ADMIN), ADMIN);

    assertThatThrownBy(() -> send(new CreateSession("s1", ADA, TEMPLATE, null), ADA))
        .isInstanceOf(Conflict.class)
        .hasMessage("template t-xterm was deleted");
    assertThat(history("s1")).isEmpty();
    assertThat(quotas.sessionsOf(ORG)).isZero();
  }

  @Test
  void anotherOrganizationsTemplateIsAnUnknownTemplate() {
    Requester stranger = new Requester("eve", "org-2", Role.USER);

    assertThatThrownBy(() -> send(new CreateSession("s1", stranger, TEMPLATE, null), stranger))
        .isInstanceOf(NotFound.class)
        .hasMessage("template t-xterm not found");
    assertThat(history("s1")).isEmpty();
  }

  @Test
  void anUnknownTemplateIsNotFound() {
    assertThatThrownBy(() -> send(new CreateSession("s1", ADA, "no-such-template", null), ADA))
        .isInstanceOf(NotFound.class)
        .hasMessage("template no-such-template not found");
  }
}
