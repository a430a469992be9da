package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.command.apikey.ApiKeyUsage;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.Quota;
import io.streamspace.server.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * API keys through the running server: issued once with their secret, listed without it, accepted
 * in either header with the key's scope, refused once expired, revoked or their owner disabled; a
 * key never lifts anyone above their role, another organization's key is absent, and every issue,
 * revocation and (first) use is in the audit log.
 */
class ApiKeyApiTest extends IntegrationTest {

  private static final String KEYS = "/api/v1/api-keys";
  private static final Duration WITHIN = Duration.ofSeconds(15);

  @Autowired ApiKeyUsage usage;

  private Tenant tenant;
  private Requester alice;

  @BeforeEach
  void tenant() {
    tenant = newTenant(new Quota(5, 5000, 5000), new Resources(100, 128));
    alice = tenant.user("alice");
  }

  @Test
  void issuingAnswersTheSecretOnceAndKeepsOnlyItsHash() {
    EntityExchangeResult<Map> issued =
        as(alice)
            .post()
            .uri(KEYS)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "ci job", "expires_at", inDays(30)))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .cacheControl(CacheControl.noStore())
            .expectBody(Map.class)
            .returnResult();
    Map<String, Object> body = issued.getResponseBody();
    String id = (String) body.get("id");
    String key = (String) body.get("key");

    assertThat(issued.getResponseHeaders().getLocation()).hasPath(KEYS + "/" + id);
    assertThat(key).matches("ssk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}");
    assertThat(body.get("prefix")).isEqualTo(key.substring(0, 12));
    assertThat(body.get("user_id")).isEqualTo(alice.userId());
    assertThat(body.get("organization_id")).isEqualTo(tenant.organizationId());
    assertThat(body.get("scope")).isEqualTo("user");

    Map<String, Object> row = jdbc.queryForMap("select * from api_key where key_id = ?", id);
    assertThat(row.get("secret_hash")).isEqualTo(sha256(key));
    assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(key));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry"
                    + " where convert_from(payload, 'UTF8') like ?"
                    + " or convert_from(meta_data, 'UTF8') like ?",
                Long.class,
                "%" + key.substring(13) + "%",
                "%" + key.substring(13) + "%"))
        .isZero();

    String list =
        as(alice)
            .get()
            .uri(KEYS)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(list).contains(id).doesNotContain(key).doesNotContain(sha256(key));
    Map<String, Object> single =
        as(alice)
            .get()
            .uri(KEYS + "/" + id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(single.keySet())
        .containsExactlyInAnyOrder(
            "id",
            "name",
            "prefix",
            "user_id",
            "organization_id",
            "scope",
            "created_at",
            "created_by",
            "expires_at",
            "revoked_at",
            "last_used_at");
    assertThat(single.get("created_at")).isEqualTo(body.get("created_at"));
    assertThat(single.get("expires_at")).isEqualTo(body.get("expires_at"));
  }

  @Test
  void aKeyOpensTheApiInEitherHeaderAsItsOwner() {
    String key = issue(alice, alice.userId(), null).key();

    client
        .get()
        .uri(KEYS)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items[0].user_id")
        .isEqualTo(alice.userId());
    client
        .get()
        .uri(KEYS)
        .header("X-API-Key", key)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items[0].user_id")
        .isEqualTo(alice.userId());
    client.get().uri("/api/v1/sessions").header("X-API-Key", key).exchange().expectStatus().isOk();
  }

  @Test
  void aForgedOrMalformedKeyIsRefused() {
    String key = issue(alice, alice.userId(), null).key();
    char last = key.charAt(key.length() - 1);
    String oneOff = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');
    for (String forged : List.of(oneOff, "ssk_", "ssk_notakey", key + "x")) {
      client
          .get()
          .uri(KEYS)
          .header("X-API-Key", forged)
          .exchange()
          .expectStatus()
          .isUnauthorized()
          .expectBody()
          .jsonPath("$.detail")
          .isEqualTo("the API key is unknown, expired or revoked");
      client
          .get()
          .uri(KEYS)
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + forged)
          .exchange()
          .expectStatus()
          .isUnauthorized();
    }
  }

  @Test
  void anExpiryIsRequiredInTheFutureAndWithinTheMaximumLifetime() {
    Map<String, Object> noExpiry = Map.of("name", "forever");
    Map<String, Object> past = Map.of("name", "late", "expires_at", Instant.now().minusSeconds(60));
    Map<String, Object> tooFar = Map.of("name", "far", "expires_at", inDays(366));
    for (Map<String, Object> body : List.of(noExpiry, past, tooFar)) {
      as(alice)
          .post()
          .uri(KEYS)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(body)
          .exchange()
          .expectStatus()
          .isBadRequest();
    }
    assertThat(keysOf(alice.userId())).isZero();
  }

  @Test
  void anExpiredKeyOpensNothing() {
    Issued issued = issue(alice, alice.userId(), null);
    client.get().uri(KEYS).header("X-API-Key", issued.key()).exchange().expectStatus().isOk();

    jdbc.update(
        "update api_key set expires_at = now() - interval '1 second' where key_id = ?",
        issued.id());

    client
        .get()
        .uri(KEYS)
        .header("X-API-Key", issued.key())
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void aRevokedKeyOpensNothingAndCannotBeRevokedTwice() {
    Issued issued = issue(alice, alice.userId(), null);

    as(alice).delete().uri(KEYS + "/" + issued.id()).exchange().expectStatus().isNoContent();

    client
        .get()
        .uri(KEYS)
        .header("X-API-Key", issued.key())
        .exchange()
        .expectStatus()
        .isUnauthorized();
    as(alice).delete().uri(KEYS + "/" + issued.id()).exchange().expectStatus().isEqualTo(409);
    as(alice)
        .get()
        .uri(KEYS + "/" + issued.id())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.revoked_at")
        .isNotEmpty();
  }

  @Test
  void aDisabledOwnersKeysStopWorking() {
    tokenFor(alice);
    String key = issue(tenant.admin(), alice.userId(), null).key();
    client.get().uri(KEYS).header("X-API-Key", key).exchange().expectStatus().isOk();

    jdbc.update("update user_account set disabled = true where user_id = ?", alice.userId());

    Awaitility.await()
        .atMost(WITHIN)
        .untilAsserted(
            () ->
                client
                    .get()
                    .uri(KEYS)
                    .header("X-API-Key", key)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("account disabled"));
  }

  @Test
  void aScopeAboveTheOwnersOrTheIssuersRoleIsForbidden() {
    tokenFor(alice);
    issueRequest(alice, alice.userId(), "org_admin").expectStatus().isForbidden();
    issueRequest(tenant.admin(), alice.userId(), "org_admin").expectStatus().isForbidden();
    issueRequest(alice, alice.userId(), "system_admin").expectStatus().isForbidden();
    issueRequest(tenant.admin(), tenant.admin().userId(), "system_admin")
        .expectStatus()
        .isForbidden();
    assertThat(keysOf(alice.userId())).isZero();

    // a key scoped below its owner's role acts with the scope: an admin's user key manages nobody
    String userScoped = issue(tenant.admin(), tenant.admin().userId(), "user").key();
    client
        .post()
        .uri("/api/v1/users")
        .header("X-API-Key", userScoped)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "username",
                "u" + newId().substring(0, 8),
                "password",
                "long enough password",
                "role",
                "user"))
        .exchange()
        .expectStatus()
        .isForbidden();
    // and cannot mint itself a stronger key
    client
        .post()
        .uri(KEYS)
        .header("X-API-Key", userScoped)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", "stronger", "scope", "org_admin", "expires_at", inDays(1)))
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void aUserCreatesKeysOnlyForThemselves() {
    Requester bob = tenant.user("bob");
    tokenFor(bob);
    issueRequest(alice, bob.userId(), null).expectStatus().isForbidden();
    assertThat(keysOf(bob.userId())).isZero();
  }

  @Test
  void anOrganizationAdminManagesTheirMembersKeysOnly() {
    tokenFor(alice);
    Issued alicesKey = issue(tenant.admin(), alice.userId(), null);
    assertThat(alicesKey.body().get("scope")).isEqualTo("user");
    assertThat(
            jdbc.queryForObject(
                "select created_by from api_key where key_id = ?", String.class, alicesKey.id()))
        .isEqualTo(tenant.admin().userId());

    Tenant other = newTenant(new Quota(5, 5000, 5000), new Resources(100, 128));
    Requester otherAdmin = other.admin();
    Requester otherUser = other.user("mallory");
    tokenFor(otherUser);

    // another organization's key and user are as absent as unknown ones
    as(otherAdmin).get().uri(KEYS + "/" + alicesKey.id()).exchange().expectStatus().isNotFound();
    as(otherAdmin).delete().uri(KEYS + "/" + alicesKey.id()).exchange().expectStatus().isNotFound();
    as(otherUser).delete().uri(KEYS + "/" + alicesKey.id()).exchange().expectStatus().isNotFound();
    issueRequest(otherAdmin, alice.userId(), null).expectStatus().isNotFound();
    as(otherAdmin)
        .get()
        .uri(KEYS + "?user_id=" + alice.userId())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items.length()")
        .isEqualTo(0);
    assertThat(
            as(otherAdmin)
                .get()
                .uri(KEYS)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
        .doesNotContain(alicesKey.id());

    // the own organization's admin sees and revokes it
    as(tenant.admin())
        .get()
        .uri(KEYS + "?user_id=" + alice.userId())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items[0].id")
        .isEqualTo(alicesKey.id());
    as(tenant.admin())
        .delete()
        .uri(KEYS + "/" + alicesKey.id())
        .exchange()
        .expectStatus()
        .isNoContent();
  }

  @Test
  void issuingUsingAndRevokingAreAudited() {
    Issued issued = issue(alice, alice.userId(), null);
    client.get().uri(KEYS).header("X-API-Key", issued.key()).exchange().expectStatus().isOk();
    client.get().uri(KEYS).header("X-API-Key", issued.key()).exchange().expectStatus().isOk();
    as(alice).delete().uri(KEYS + "/" + issued.id()).exchange().expectStatus().isNoContent();

    Awaitility.await()
        .atMost(WITHIN)
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForList(
                            "select event_type from audit_log where resource_id = ?"
                                + " order by global_index",
                            String.class,
                            issued.id()))
                    .containsExactly("ApiKeyIssued", "ApiKeyUsed", "ApiKeyRevoked"));
    Map<String, Object> use =
        jdbc.queryForMap(
            "select organization_id, actor_id, payload::text as payload from audit_log"
                + " where resource_id = ? and event_type = 'ApiKeyUsed'",
            issued.id());
    assertThat(use.get("organization_id")).isEqualTo(tenant.organizationId());
    assertThat(use.get("actor_id")).isEqualTo(alice.userId());
    assertThat((String) use.get("payload")).doesNotContain(issued.key().substring(13));
  }

  @Test
  void theLastUseIsRecordedInBatches() {
    Issued issued = issue(alice, alice.userId(), null);
    Instant before = Instant.now().minusSeconds(1);
    client.get().uri(KEYS).header("X-API-Key", issued.key()).exchange().expectStatus().isOk();

    usage.flush();

    java.sql.Timestamp lastUsed =
        jdbc.queryForObject(
            "select last_used_at from api_key where key_id = ?",
            java.sql.Timestamp.class,
            issued.id());
    assertThat(lastUsed.toInstant()).isAfter(before);
    assertThat(
            as(alice)
                .get()
                .uri(KEYS + "/" + issued.id())
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("last_used_at"))
        .isNotNull();
  }

  private record Issued(String id, String key, Map<String, Object> body) {}

  private Issued issue(Requester as, String userId, String scope) {
    Map<String, Object> body =
        issueRequest(as, userId, scope)
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return new Issued((String) body.get("id"), (String) body.get("key"), body);
  }

  private WebTestClient.ResponseSpec issueRequest(Requester as, String userId, String scope) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "key of " + userId);
    body.put("user_id", userId);
    body.put("expires_at", inDays(7));
    if (scope != null) {
      body.put("scope", scope);
    }
    return as(as)
        .post()
        .uri(KEYS)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private int keysOf(String userId) {
    return jdbc.queryForObject(
        "select count(*) from api_key where user_id = ?", Integer.class, userId);
  }

  private WebTestClient as(Requester requester) {
    return client.mutate().defaultHeader("Authorization", "Bearer " + tokenFor(requester)).build();
  }

  private static String inDays(int days) {
    return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String sha256(String secret) throws RuntimeException {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(secret.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
