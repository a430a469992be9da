package io.streamspace.command.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.command.common.Conflict;
import io.streamspace.command.common.Forbidden;
import io.streamspace.command.common.Invalid;
import io.streamspace.command.common.NotFound;
import io.streamspace.command.common.PublishedLanguageTargetResolver;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.template.CreateTemplate;
import io.streamspace.events.template.DeleteTemplate;
import io.streamspace.events.template.TemplateCreated;
import io.streamspace.events.template.TemplateDefinition;
import io.streamspace.events.template.TemplateDeleted;
import io.streamspace.events.template.TemplateUpdated;
import io.streamspace.events.template.UpdateTemplate;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TemplateTest {

  private static final String ID = "t-1";
  private static final String ORG = "org-1";
  private static final Requester ADMIN = new Requester("admin", ORG, Role.ORG_ADMIN);
  private static final Requester USER = new Requester("ada", ORG, Role.USER);
  private static final Requester OTHER_ADMIN = new Requester("eve", "org-2", Role.ORG_ADMIN);
  private static final Requester OTHER_USER = new Requester("mallory", "org-2", Role.USER);
  private static final Requester SYSTEM_ADMIN = new Requester("root", "org-0", Role.SYSTEM_ADMIN);

  private static final TemplateDefinition XTERM = definition("xterm", null, List.of("xterm"), 5900);
  private static final TemplateDefinition XEYES = definition("xeyes", null, List.of("xeyes"), 5900);
  private static final TemplateCreated CREATED = new TemplateCreated(ID, ORG, XTERM);

  private AggregateTestFixture<Template> fixture;

  @BeforeEach
  void setUp() {
    fixture = new AggregateTestFixture<>(Template.class);
    fixture.registerCommandTargetResolver(new PublishedLanguageTargetResolver());
  }

  private static TemplateDefinition definition(
      String name, String image, List<String> command, int vncPort) {
    return new TemplateDefinition(
        name,
        name,
        "an app",
        "tools",
        List.of("x11"),
        null,
        image,
        command,
        new Resources(500, 256),
        vncPort,
        Map.of());
  }

  @Test
  void anOrganizationAdminAddsATemplateToTheirOwnCatalog() {
    fixture
        .givenNoPriorActivity()
        .when(new CreateTemplate(ID, ADMIN, XTERM))
        .expectEvents(new TemplateCreated(ID, ORG, XTERM));
  }

  @Test
  void aPlainUserMayNotAddTemplates() {
    fixture
        .givenNoPriorActivity()
        .when(new CreateTemplate(ID, USER, XTERM))
        .expectException(Forbidden.class)
        .expectNoEvents();
  }

  @Test
  void aTemplateNeedsAName() {
    fixture
        .givenNoPriorActivity()
        .when(new CreateTemplate(ID, ADMIN, definition(" ", null, List.of("xterm"), 5900)))
        .expectException(Invalid.class)
        .expectExceptionMessage("a template needs a name")
        .expectNoEvents();
  }

  @Test
  void theVncPortMustBeARealPort() {
    fixture
        .givenNoPriorActivity()
        .when(new CreateTemplate(ID, ADMIN, definition("xterm", null, List.of("xterm"), 0)))
        .expectException(Invalid.class)
        .expectNoEvents();
    fixture
        .givenNoPriorActivity()
        .when(new CreateTemplate(ID, ADMIN, definition("xterm", null, List.of("xterm"), 65536)))
        .expectException(Invalid.class)
        .expectNoEvents();
  }

  @Test
  void aTemplateNeedsAnImageOrACommand() {
    fixture
        .givenNoPriorActivity()
        .when(new CreateTemplate(ID, ADMIN, definition("empty", " ", List.of(), 5900)))
        .expectException(Invalid.class)
        .expectNoEvents();
    fixture
        .givenNoPriorActivity()
        .when(new CreateTemplate(ID, ADMIN, definition("img", "streamspace/xterm:1", null, 5900)))
        .expectSuccessfulHandlerExecution();
  }

  @Test
  void anAdminOfTheOrganizationReplacesTheDefinition() {
    fixture
        .given(CREATED)
        .when(new UpdateTemplate(ID, ADMIN, XEYES))
        .expectEvents(new TemplateUpdated(ID, ORG, XEYES))
        .expectResultMessagePayload(ORG);
  }

  @Test
  void aSystemAdminMayChangeAnyOrganizationsTemplate() {
    fixture
        .given(CREATED)
        .when(new UpdateTemplate(ID, SYSTEM_ADMIN, XEYES))
        .expectEvents(new TemplateUpdated(ID, ORG, XEYES));
  }

  @Test
  void anUpdateIsValidatedLikeACreation() {
    fixture
        .given(CREATED)
        .when(new UpdateTemplate(ID, ADMIN, definition("xterm", null, List.of("xterm"), 70000)))
        .expectException(Invalid.class)
        .expectNoEvents();
  }

  @Test
  void aPlainUserOfTheOrganizationIsForbiddenToChangeIt() {
    fixture
        .given(CREATED)
        .when(new UpdateTemplate(ID, USER, XEYES))
        .expectException(Forbidden.class)
        .expectNoEvents();
    fixture
        .given(CREATED)
        .when(new DeleteTemplate(ID, USER))
        .expectException(Forbidden.class)
        .expectNoEvents();
  }

  @Test
  void anotherOrganizationSeesTheTemplateAsUnknown() {
    fixture
        .given(CREATED)
        .when(new UpdateTemplate(ID, OTHER_ADMIN, XEYES))
        .expectException(NotFound.class)
        .expectExceptionMessage("template t-1 not found")
        .expectNoEvents();
    fixture
        .given(CREATED)
        .when(new DeleteTemplate(ID, OTHER_USER))
        .expectException(NotFound.class)
        .expectNoEvents();
  }

  @Test
  void anUnknownTemplateIsNotFound() {
    // Axon answers before the aggregate exists; the CommandSender turns it into NotFound
    fixture
        .givenNoPriorActivity()
        .when(new UpdateTemplate(ID, ADMIN, XEYES))
        .expectException(AggregateNotFoundException.class)
        .expectNoEvents();
  }

  @Test
  void anAdminDeletesATemplate() {
    fixture
        .given(CREATED)
        .when(new DeleteTemplate(ID, ADMIN))
        .expectEvents(new TemplateDeleted(ID, ORG));
  }

  @Test
  void aDeletedTemplateAcceptsNoChange() {
    fixture
        .given(CREATED, new TemplateDeleted(ID, ORG))
        .when(new UpdateTemplate(ID, ADMIN, XEYES))
        .expectException(NotFound.class)
        .expectNoEvents();
    fixture
        .given(CREATED, new TemplateDeleted(ID, ORG))
        .when(new DeleteTemplate(ID, ADMIN))
        .expectException(NotFound.class)
        .expectNoEvents();
  }

  @Test
  void aLiveTemplateLendsItsLatestDefinitionToNewSessions() {
    fixture
        .given(CREATED, new TemplateUpdated(ID, ORG, XEYES))
        .when(new UpdateTemplate(ID, ADMIN, XEYES))
        .expectState(template -> assertThat(template.launchDefinition()).isEqualTo(XEYES));
  }

  @Test
  void aDeletedTemplateStartsNoNewSession() {
    fixture
        .given(CREATED)
        .when(new DeleteTemplate(ID, ADMIN))
        .expectState(
            template ->
                assertThatThrownBy(template::launchDefinition)
                    .isInstanceOf(Conflict.class)
                    .hasMessage("template t-1 was deleted"));
  }
}
