package io.streamspace.command.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.events.common.Requester;
import io.streamspace.events.organization.ChangeOrganizationQuota;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.HibernateSession;
import io.streamspace.events.template.DeleteTemplate;
import io.streamspace.events.user.ChangeUser;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

class PublishedLanguageTargetResolverTest {

  private final PublishedLanguageTargetResolver resolver = new PublishedLanguageTargetResolver();
  private final Requester someone = Requester.system("org-1");

  private String targetOf(Object command) {
    return resolver.resolveTarget(GenericCommandMessage.asCommandMessage(command)).getIdentifier();
  }

  @Test
  void aSessionCommandIsForItsSession() {
    assertThat(targetOf(new HibernateSession("s-1", someone, "idle"))).isEqualTo("s-1");
  }

  @Test
  void aTemplateCommandIsForItsTemplate() {
    assertThat(targetOf(new DeleteTemplate("t-1", someone))).isEqualTo("t-1");
  }

  @Test
  void anOrganizationCommandIsForItsOrganization() {
    assertThat(targetOf(new ChangeOrganizationQuota("org-1", new Quota(1, 1, 1))))
        .isEqualTo("org-1");
  }

  @Test
  void noVersionIsExpectedSoConcurrentWritersAreOrderedByTheEventStore() {
    assertThat(
            resolver
                .resolveTarget(
                    GenericCommandMessage.asCommandMessage(new DeleteTemplate("t-1", someone)))
                .getVersion())
        .isNull();
  }

  @Test
  void aCommandWithoutATargetIsRejected() {
    assertThatThrownBy(() -> targetOf(new HibernateSession(null, someone, "idle")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HibernateSession names no target");
    assertThatThrownBy(() -> targetOf(new ChangeUser("u-1", someone, null, true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not addressed to an aggregate");
  }
}
