package io.streamspace.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamspace.events.common.Caller;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.MemberAdded;
import io.streamspace.events.organization.MemberRoleChanged;
import io.streamspace.events.organization.OrganizationCreated;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.session.SessionCreated;
import io.streamspace.events.session.SessionStarting;
import io.streamspace.events.session.SessionStatus;
import io.streamspace.events.template.TemplateCreated;
import io.streamspace.events.template.TemplateDefinition;
import io.streamspace.events.template.TemplateDeleted;
import io.streamspace.query.organization.OrganizationController;
import io.streamspace.query.organization.OrganizationView;
import io.streamspace.query.paging.Page;
import io.streamspace.query.session.SessionController;
import io.streamspace.query.session.SessionView;
import io.streamspace.query.template.TemplateController;
import io.streamspace.query.template.TemplateView;
import io.streamspace.query.user.UserController;
import io.streamspace.query.user.UserView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Event row → projection → read API, for every read model, and the organization wall around each of
 * them: another organization's ids answer 404 and its rows never show in a list.
 */
class ReadModelPipelineTest extends ReadSideTest {

  @Autowired SessionController sessions;
  @Autowired TemplateController templates;
  @Autowired OrganizationController organizations;
  @Autowired UserController users;

  private String acme;
  private String globex;
  private Requester root;
  private Requester acmeAdmin;
  private Caller acmeAdminCaller;
  private Caller aliceCaller;
  private Caller globexAdminCaller;

  @BeforeEach
  void twoOrganizations() {
    acme = newId();
    globex = newId();
    root = requester("root", "platform", Role.SYSTEM_ADMIN);
    acmeAdmin = requester("carol-" + acme, acme, Role.ORG_ADMIN);
    acmeAdminCaller = caller(acmeAdmin.userId(), acme, Role.ORG_ADMIN);
    aliceCaller = caller("alice-" + acme, acme, Role.USER);
    globexAdminCaller = caller("gus-" + globex, globex, Role.ORG_ADMIN);
    store(
        "Organization",
        acme,
        root,
        new OrganizationCreated(acme, "acme-" + acme, "ACME", new Quota(5, 4000, 8192)));
    store(
        "Organization",
        globex,
        root,
        new OrganizationCreated(globex, "globex-" + globex, "Globex", new Quota(1, 1000, 1024)));
  }

  @Test
  void aSessionGoesFromEventRowToTheSessionsApi() {
    String sessionId = newId();
    store(
        "Session",
        sessionId,
        requester(aliceCaller.userId(), acme, Role.USER),
        new SessionCreated(
            sessionId, acme, aliceCaller.userId(), "t1", xterm(), new Resources(500, 256)));
    store("Session", sessionId, root, new SessionStarting(sessionId, acme, "agent-1"));

    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class,
                sessionId))
        .isEqualTo(2L);
    eventually(
        () -> {
          SessionView view = sessions.get(aliceCaller, sessionId).block();
          assertThat(view.status()).isEqualTo(SessionStatus.STARTING);
          assertThat(view.agentId()).isEqualTo("agent-1");
          assertThat(view.templateName()).isEqualTo("xterm");
          assertThat(view.resources()).isEqualTo(new Resources(500, 256));
        });
    // The single read may answer from the event stream; the list shows the projected row.
    eventually(
        () ->
            assertThat(ids(sessions.list(acmeAdminCaller, null, null, null, null, null).block()))
                .contains(sessionId));
    assertThat(ids(sessions.list(globexAdminCaller, null, null, null, null, null).block()))
        .doesNotContain(sessionId);
    assertNotFound(() -> sessions.get(globexAdminCaller, sessionId).block());
    assertNotFound(() -> sessions.get(caller("bob", acme, Role.USER), sessionId).block());
    assertNotFound(() -> sessions.events(globexAdminCaller, sessionId).block());
  }

  @Test
  void aTemplateGoesFromEventRowToTheCatalogAndLeavesItWhenDeleted() {
    String templateId = newId();
    store("Template", templateId, acmeAdmin, new TemplateCreated(templateId, acme, xterm()));

    eventually(
        () -> {
          TemplateView view = templates.get(aliceCaller, templateId).block();
          assertThat(view.name()).isEqualTo("xterm");
          assertThat(view.command()).containsExactly("xterm", "-fa", "Monospace");
          assertThat(view.environment()).isEqualTo(Map.of("LANG", "C.UTF-8"));
        });
    // The single read may answer from the event stream; the list shows the projected row.
    eventually(
        () ->
            assertThat(
                    ids(
                        templates
                            .list(aliceCaller, null, null, "terminal", null, null, null)
                            .block()))
                .containsExactly(templateId));
    assertThat(ids(templates.list(globexAdminCaller, null, null, null, null, null, null).block()))
        .doesNotContain(templateId);
    assertNotFound(() -> templates.get(globexAdminCaller, templateId).block());

    store("Template", templateId, acmeAdmin, new TemplateDeleted(templateId, acme));
    eventually(() -> assertNotFound(() -> templates.get(aliceCaller, templateId).block()));
  }

  @Test
  void anOrganizationShowsItsQuotaAndUsage() {
    String session = newId();
    store(
        "Session",
        session,
        acmeAdmin,
        new SessionCreated(
            session, acme, "alice-" + acme, newId(), xterm(), new Resources(1000, 2048)));

    eventually(
        () -> {
          OrganizationView view = organizations.get(aliceCaller, acme).block();
          assertThat(view.quota()).isEqualTo(new Quota(5, 4000, 8192));
          assertThat(view.usage()).isEqualTo(new OrganizationView.Usage(1, 1000, 2048));
        });
    Caller rootCaller = caller("root", "platform", Role.SYSTEM_ADMIN);
    eventually(() -> assertThat(allOrganizations(rootCaller)).contains(acme, globex));
    assertNotFound(() -> organizations.get(globexAdminCaller, acme).block());
    assertThatThrownBy(() -> organizations.list(acmeAdminCaller, null, null).block())
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
  }

  @Test
  void aMemberGoesFromEventRowToTheUsersApi() {
    String userId = newId();
    store(
        "Organization",
        acme,
        acmeAdmin,
        new MemberAdded(acme, userId, "dave-" + userId, "dave@acme.test", "Dave", Role.USER),
        new MemberRoleChanged(acme, userId, Role.ORG_ADMIN));

    eventually(
        () -> {
          UserView view = users.get(acmeAdminCaller, userId).block();
          assertThat(view.role()).isEqualTo(Role.ORG_ADMIN);
          assertThat(view.email()).isEqualTo("dave@acme.test");
        });
    assertThat(ids(users.list(acmeAdminCaller, null, null, null, null).block())).contains(userId);
    assertThat(ids(users.list(globexAdminCaller, null, null, null, null).block()))
        .doesNotContain(userId);
    assertNotFound(() -> users.get(globexAdminCaller, userId).block());
  }

  private List<String> allOrganizations(Caller rootCaller) {
    List<String> all = new java.util.ArrayList<>();
    String token = null;
    do {
      Page<OrganizationView> page = organizations.list(rootCaller, "200", token).block();
      page.items().forEach(organization -> all.add(organization.id()));
      token = page.nextPageToken();
    } while (token != null);
    return all;
  }

  private static List<String> ids(Page<?> page) {
    return page.items().stream()
        .map(
            item -> {
              if (item instanceof SessionView session) {
                return session.id();
              }
              if (item instanceof TemplateView template) {
                return template.id();
              }
              return ((UserView) item).id();
            })
        .toList();
  }

  private static void assertNotFound(Runnable read) {
    assertThatThrownBy(read::run)
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
  }

  static TemplateDefinition xterm() {
    return new TemplateDefinition(
        "xterm",
        "XTerm",
        "A terminal",
        "tools",
        List.of("terminal"),
        null,
        "streamspace/xterm:1",
        List.of("xterm", "-fa", "Monospace"),
        new Resources(500, 256),
        5900,
        Map.of("LANG", "C.UTF-8"));
  }
}
