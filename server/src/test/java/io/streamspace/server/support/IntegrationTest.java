package io.streamspace.server.support;

import io.streamspace.events.common.AuditMetadata;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.template.CreateTemplate;
import io.streamspace.events.template.TemplateDefinition;
import io.streamspace.server.StreamSpaceServer;
import io.streamspace.server.identity.TokenIssuer;
import io.streamspace.server.identity.UserAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of every test that crosses a boundary: the whole server, on a real embedded PostgreSQL
 * started through the standalone path, at a random port.
 *
 * <p>All subclasses share one application context (and one database), so keep them free of
 * context-changing annotations ({@code @MockitoBean}, extra properties) and give every test its own
 * organization, users and ids instead of cleaning tables.
 */
@SpringBootTest(
    classes = StreamSpaceServer.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Generous: CI machines are shared, and a slow answer is not what these tests check.
@AutoConfigureWebTestClient(timeout = "30s")
// No agent ever connects in the shared context: its sessions wait, and must not time out into
// failures while the suite runs (the agent tests have a context of their own with short timeouts).
@TestPropertySource(properties = "streamspace.agents.pending-timeout=6h")
public abstract class IntegrationTest {

  @Autowired protected WebTestClient client;
  @Autowired protected CommandGateway commandGateway;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired private TokenIssuer tokenIssuer;

  @DynamicPropertySource
  static void standaloneDataDirectory(DynamicPropertyRegistry registry) {
    // Called once per application context: each context gets a database of its own.
    Path dataDir = newDataDirectory();
    registry.add("streamspace.data-dir", dataDir::toString);
    registry.add("streamspace.database.embedded-fsync", () -> "false");
    registry.add(
        "streamspace.database.embedded-binaries-dir",
        () -> Path.of("target", "pg-binaries").toAbsolutePath().toString());
  }

  /** A fresh data directory under target/, so test databases never touch ~/.streamspace. */
  public static Path newDataDirectory() {
    try {
      return Files.createDirectories(
          Path.of("target", "it-data", UUID.randomUUID().toString().substring(0, 8))
              .toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  protected static String newId() {
    return UUID.randomUUID().toString();
  }

  /** The metadata an API request would attach to a command sent on behalf of {@code requester}. */
  protected static MetaData auditMetadata(Requester requester) {
    Map<String, String> metadata = new HashMap<>();
    metadata.put(AuditMetadata.ACTOR_ID, requester.userId());
    metadata.put(AuditMetadata.ORGANIZATION_ID, requester.organizationId());
    metadata.put(AuditMetadata.REQUEST_ID, "test-" + UUID.randomUUID());
    metadata.put(AuditMetadata.CLIENT_IP, "127.0.0.1");
    metadata.put(AuditMetadata.USER_AGENT, "streamspace-tests");
    return MetaData.from(metadata);
  }

  /** Sends a command as {@code requester} and waits for its result. */
  protected <R> R send(Object command, Requester requester) {
    // The platform writes to sessions too (the agent dispatcher records why a session waits): a
    // lost race is retried against the new state, as the API's CommandSender does.
    for (int attempt = 1; ; attempt++) {
      try {
        return commandGateway.sendAndWait(command, auditMetadata(requester));
      } catch (ConcurrencyException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  /**
   * Waits until a new session is placed or says why it waits: in its creation when the creation
   * found no agent, else by the dispatcher's event once it decided; so a test that counts stored
   * events does not count the dispatcher's write as its own.
   */
  protected void awaitDispatched(String sessionId) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .pollInterval(java.time.Duration.ofMillis(20))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from domain_event_entry where aggregate_identifier = ?"
                            + " and (payload_type in (?, ?) or payload_type = ? and"
                            + " convert_from(payload, 'UTF8')::jsonb ->> 'waiting_reason' is not null)",
                        Integer.class,
                        sessionId,
                        "io.streamspace.events.session.SessionWaiting",
                        "io.streamspace.events.session.SessionAssigned",
                        "io.streamspace.events.session.SessionCreated")
                    > 0);
  }

  /**
   * A platform access token for {@code requester}, as the login would issue it. The server checks
   * every token against the account table, so an account with the requester's id, organization and
   * role is created first when there is none (it has no usable password: nobody logs in as it); an
   * existing account is left as it is, and its role is the one that counts.
   */
  protected String tokenFor(Requester requester) {
    jdbc.update(
        "insert into user_account (user_id, organization_id, username, password_hash, role)"
            + " values (?, ?, ?, ?, ?) on conflict do nothing",
        requester.userId(),
        requester.organizationId(),
        "token-for-" + requester.userId(),
        "no-password-" + UUID.randomUUID(),
        requester.role().wireName());
    return tokenIssuer
        .issue(
            new UserAccount(
                requester.userId(),
                requester.organizationId(),
                requester.userId(),
                "",
                requester.role(),
                false))
        .accessToken();
  }

  /** An organization of a test's own, its admin and one xterm template of the given resources. */
  protected record Tenant(String organizationId, Requester admin, String templateId) {

    /** A plain member of this organization. */
    public Requester user(String name) {
      return new Requester(name + "-" + organizationId, organizationId, Role.USER);
    }
  }

  /** Creates a {@link Tenant} through the command side, as a system admin would. */
  protected Tenant newTenant(Quota quota, Resources templateResources) {
    String organizationId = newId();
    Requester admin = new Requester("admin-" + organizationId, organizationId, Role.ORG_ADMIN);
    send(
        new CreateOrganization(organizationId, "org-" + organizationId, "Test organization", quota),
        new Requester("root", "platform", Role.SYSTEM_ADMIN));
    String templateId = newId();
    send(
        new CreateTemplate(
            templateId,
            admin,
            new TemplateDefinition(
                "xterm",
                "XTerm",
                null,
                null,
                null,
                null,
                null,
                List.of("xterm"),
                templateResources,
                5900,
                Map.of())),
        admin);
    return new Tenant(organizationId, admin, templateId);
  }
}
