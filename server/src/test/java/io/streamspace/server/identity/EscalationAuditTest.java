package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.Quota;
import io.streamspace.server.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Attempts to raise rights are refused as before (403, or 404 for another organization's) and now
 * also leave an {@code AccessDenied} entry in the audit log: who tried what, on which target, and
 * the refusal's reason. Allowed changes leave none.
 */
class EscalationAuditTest extends IntegrationTest {

  private static final Duration WITHIN = Duration.ofSeconds(15);

  private Tenant tenant;
  private Requester alice;

  @BeforeEach
  void tenant() {
    tenant = newTenant(new Quota(5, 5000, 5000), new Resources(100, 128));
    alice = tenant.user("alice");
    tokenFor(alice);
  }

  @Test
  void aUserGrantingThemselvesOrgAdminIsRefusedAndAudited() {
    as(alice)
        .put()
        .uri("/api/v1/users/" + alice.userId())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("role", "org_admin"))
        .exchange()
        .expectStatus()
        .isForbidden();

    Map<String, Object> entry = deniedEntryOf(alice);
    assertThat(entry.get("resource_id")).isEqualTo(alice.userId());
    assertThat(entry.get("organization_id")).isEqualTo(tenant.organizationId());
    assertThat((String) entry.get("payload"))
        .contains("\"action\": \"PUT /api/v1/users/" + alice.userId() + "\"")
        .contains("\"status\": 403")
        .contains("\"role\": \"user\"")
        .contains("only an organization admin may manage users");
    assertThat(
            jdbc.queryForObject(
                "select role from user_account where user_id = ?", String.class, alice.userId()))
        .isEqualTo("user");
  }

  @Test
  void anOrgAdminTouchingAnotherOrganizationsUserIsAnswered404AndAudited() {
    Tenant other = newTenant(new Quota(5, 5000, 5000), new Resources(100, 128));
    Requester mallory = other.admin();

    as(mallory)
        .put()
        .uri("/api/v1/users/" + alice.userId())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("disabled", true))
        .exchange()
        .expectStatus()
        .isNotFound();

    Map<String, Object> entry = deniedEntryOf(mallory);
    assertThat(entry.get("resource_id")).isEqualTo(alice.userId());
    assertThat(entry.get("organization_id")).isEqualTo(other.organizationId());
    assertThat((String) entry.get("payload")).contains("\"status\": 404");
    assertThat(
            jdbc.queryForObject(
                "select disabled from user_account where user_id = ?",
                Boolean.class,
                alice.userId()))
        .isFalse();
  }

  @Test
  void anOrgAdminGrantingSystemAdminIsRefusedAndAudited() {
    as(tenant.admin())
        .post()
        .uri("/api/v1/users")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "username", "root-" + newId().substring(0, 8),
                "password", "long enough password",
                "role", "system_admin"))
        .exchange()
        .expectStatus()
        .isForbidden();

    assertThat((String) deniedEntryOf(tenant.admin()).get("payload"))
        .contains("\"action\": \"POST /api/v1/users\"")
        .contains("system_admin");
  }

  @Test
  void anApiKeyScopedAboveItsOwnerIsRefusedAndAudited() {
    as(alice)
        .post()
        .uri("/api/v1/api-keys")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "name",
                "stronger",
                "scope",
                "org_admin",
                "expires_at",
                Instant.now().plus(1, ChronoUnit.DAYS).toString()))
        .exchange()
        .expectStatus()
        .isForbidden();

    assertThat((String) deniedEntryOf(alice).get("payload"))
        .contains("\"action\": \"POST /api/v1/api-keys\"")
        .contains("cannot exceed its owner's role");
  }

  @Test
  void anAllowedChangeLeavesNoDenial() {
    String carol =
        (String)
            as(tenant.admin())
                .post()
                .uri("/api/v1/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    Map.of(
                        "username", "carol-" + newId().substring(0, 8),
                        "password", "long enough password",
                        "role", "user"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    as(tenant.admin())
        .put()
        .uri("/api/v1/users/" + carol)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("role", "org_admin"))
        .exchange()
        .expectStatus()
        .isOk();
    // a denial of someone else, written after: once it is in the log, ours would be too
    Requester bob = tenant.user("bob");
    tokenFor(bob);
    as(bob)
        .put()
        .uri("/api/v1/users/" + bob.userId())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("role", "org_admin"))
        .exchange()
        .expectStatus()
        .isForbidden();
    deniedEntryOf(bob);

    assertThat(
            jdbc.queryForObject(
                "select count(*) from audit_log where event_type = 'AccessDenied'"
                    + " and actor_id = ?",
                Integer.class,
                tenant.admin().userId()))
        .isZero();
  }

  private Map<String, Object> deniedEntryOf(Requester actor) {
    Awaitility.await()
        .atMost(WITHIN)
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from audit_log where event_type = 'AccessDenied'"
                            + " and actor_id = ?",
                        Integer.class,
                        actor.userId())
                    > 0);
    List<Map<String, Object>> entries =
        jdbc.queryForList(
            "select resource_id, organization_id, payload::text as payload from audit_log"
                + " where event_type = 'AccessDenied' and actor_id = ?",
            actor.userId());
    assertThat(entries).hasSize(1);
    return entries.get(0);
  }

  private WebTestClient as(Requester requester) {
    return client
        .mutate()
        .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + tokenFor(requester))
        .build();
  }
}
