package io.streamspace.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.command.agent.AgentCredential;
import io.streamspace.command.agent.AgentCredentials;
import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.server.support.IntegrationTest;
import io.streamspace.server.web.IdempotencyFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Agent tokens through the running server: a system admin issues one (its secret shown only then,
 * kept only as a hash), lists them without secrets, and revokes them; agents' credentials are
 * checked against the table; nobody else may touch them, and bad input stores nothing.
 */
class AgentTokenApiTest extends IntegrationTest {

  private static final String TOKENS = "/api/v1/agents/tokens";

  @Autowired AgentCredentials credentials;

  private final String org = newId();
  private final Requester root = new Requester("root-" + org, org, Role.SYSTEM_ADMIN);

  @Test
  void issuingAnswersTheSecretOnceAndKeepsOnlyItsHash() {
    EntityExchangeResult<Map> issued =
        as(root)
            .post()
            .uri(TOKENS)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "edge site 1"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .cacheControl(CacheControl.noStore())
            .expectBody(Map.class)
            .returnResult();
    Map<String, Object> body = issued.getResponseBody();
    String id = (String) body.get("id");
    String token = (String) body.get("token");

    assertThat(issued.getResponseHeaders().getLocation()).hasPath(TOKENS + "/" + id);
    assertThat(body.keySet())
        .containsExactlyInAnyOrder("id", "name", "prefix", "token", "created_at");
    assertThat(body.get("name")).isEqualTo("edge site 1");
    assertThat(token).matches("ssa_[A-Za-z0-9_-]{43}");
    assertThat(body.get("prefix")).isEqualTo(token.substring(0, 12));
    assertThat(body.get("created_at")).asString().endsWith("Z");

    Map<String, Object> row = jdbc.queryForMap("select * from agent_token where token_id = ?", id);
    assertThat(row.get("secret_hash")).isEqualTo(sha256(token));
    assertThat(row.get("created_by")).isEqualTo(root.userId());
    assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(token));
    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry"
                    + " where convert_from(payload, 'UTF8') like ?"
                    + " or convert_from(meta_data, 'UTF8') like ?",
                Long.class,
                "%" + token.substring(4) + "%",
                "%" + token.substring(4) + "%"))
        .isZero();

    String list = listAsText(root);
    assertThat(list).contains(id).doesNotContain(token).doesNotContain(sha256(token));
    Map<String, Object> item = item(listAll(root), id);
    assertThat(item.keySet())
        .containsExactlyInAnyOrder(
            "id", "name", "prefix", "created_at", "created_by", "revoked_at", "last_used_at");
    assertThat(item.get("prefix")).isEqualTo(token.substring(0, 12));
    assertThat(item.get("created_by")).isEqualTo(root.userId());
    assertThat(item.get("created_at")).isEqualTo(body.get("created_at"));
    assertThat(item.get("revoked_at")).isNull();
    assertThat(item.get("last_used_at")).isNull();

    Map<String, Object> single =
        as(root)
            .get()
            .uri(issued.getResponseHeaders().getLocation().toString())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(single).isEqualTo(item);
  }

  @Test
  void anIssuedTokenVerifiesAndItsUseIsRecorded() {
    Issued issued = issue("verify me");

    Optional<AgentCredential> credential = credentials.verify(issued.token());

    assertThat(credential).contains(new AgentCredential(issued.id(), "verify me"));
    assertThat(
            jdbc.queryForObject(
                "select last_used_at is not null from agent_token where token_id = ?",
                Boolean.class,
                issued.id()))
        .isTrue();
    assertThat(item(listAll(root), issued.id()).get("last_used_at")).isNotNull();
  }

  @Test
  void checkingATokenDoesNotCountAsAUse() {
    Issued issued = issue("only checked");

    assertThat(credentials.check(issued.token())).isPresent();
    assertThat(
            jdbc.queryForObject(
                "select last_used_at from agent_token where token_id = ?",
                Object.class,
                issued.id()))
        .isNull();
  }

  @Test
  void forgedAndMalformedTokensAreRefused() {
    Issued issued = issue("the real one");
    String real = issued.token();
    char last = real.charAt(real.length() - 1);
    String oneCharacterOff = real.substring(0, real.length() - 1) + (last == 'A' ? 'B' : 'A');
    List<String> forged = new ArrayList<>();
    forged.add(null);
    forged.add("");
    forged.add("   ");
    forged.add("ssa_");
    forged.add("ssa_short");
    forged.add(real + "x");
    forged.add(" " + real);
    forged.add("xyz_" + real.substring(4));
    forged.add(real.substring(4));
    forged.add(sha256(real));
    forged.add(oneCharacterOff);
    forged.add("ssa_" + "A".repeat(43));
    forged.add("ssa_" + "é".repeat(43));

    for (String token : forged) {
      assertThat(credentials.verify(token)).as("verify(%s)", token).isEmpty();
    }
    assertThat(credentials.verify(real)).isPresent();
  }

  @Test
  void aRevokedTokenNoLongerVerifiesAndCannotBeRevokedTwice() {
    Issued issued = issue("to revoke");
    assertThat(credentials.verify(issued.token())).isPresent();

    as(root).delete().uri(TOKENS + "/" + issued.id()).exchange().expectStatus().isNoContent();

    assertThat(credentials.verify(issued.token())).isEmpty();
    assertThat(item(listAll(root), issued.id()).get("revoked_at")).isNotNull();
    long events = eventsOf(issued.id());
    assertThat(events).isEqualTo(2);

    as(root)
        .delete()
        .uri(TOKENS + "/" + issued.id())
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("agent token " + issued.id() + " is already revoked");
    assertThat(eventsOf(issued.id())).isEqualTo(events);
  }

  @Test
  void revokingOrReadingAnUnknownTokenIs404() {
    String unknown = newId();
    as(root)
        .get()
        .uri(TOKENS + "/" + unknown)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    as(root)
        .delete()
        .uri(TOKENS + "/" + unknown)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("agent token " + unknown + " not found");
    assertThat(eventsOf(unknown)).isZero();
  }

  @Test
  void onlyASystemAdminMayIssueListOrRevoke() {
    Issued issued = issue("not theirs");
    long tokensBefore = tokenCount();
    for (Role role : List.of(Role.ORG_ADMIN, Role.USER)) {
      WebTestClient other = as(new Requester(role.wireName() + "-" + org, org, role));

      forbidden(
          other
              .post()
              .uri(TOKENS)
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue(Map.of("name", "sneaky"))
              .exchange());
      forbidden(other.get().uri(TOKENS).exchange());
      forbidden(other.get().uri(TOKENS + "/" + issued.id()).exchange());
      forbidden(other.delete().uri(TOKENS + "/" + issued.id()).exchange());
    }
    assertThat(tokenCount()).isEqualTo(tokensBefore);
    assertThat(credentials.check(issued.token())).isPresent();
  }

  @Test
  void badBodiesAre400AndStoreNothing() {
    long tokensBefore = tokenCount();
    long issuedBefore = issuedEvents();
    List<String> bodies =
        List.of(
            "{}",
            "{\"name\": null}",
            "{\"name\": \"\"}",
            "{\"name\": \"   \"}",
            "{\"name\": \"" + "n".repeat(101) + "\"}",
            "{\"name\": 42}",
            "{\"name\": \"ok\", \"secret\": \"mine\"}",
            "{\"name\": ",
            "[]");

    for (String body : bodies) {
      as(root)
          .post()
          .uri(TOKENS)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(body)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
    assertThat(tokenCount()).isEqualTo(tokensBefore);
    assertThat(issuedEvents()).isEqualTo(issuedBefore);
  }

  @Test
  void aNameOfExactlyOneHundredCharactersIsAccepted() {
    String name = "n".repeat(100);
    assertThat(issue(name).name()).isEqualTo(name);
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyIssuesNoOtherTokenAndNeverRepeatsOrStoresTheSecret() {
    String key = UUID.randomUUID().toString();
    String name = "idempotent " + key;

    byte[] first =
        postWithKey(key, name)
            .expectStatus()
            .isCreated()
            .expectBody()
            .returnResult()
            .getResponseBody();
    String secret = (String) parse(first).get("token");
    String location = "/api/v1/agents/tokens/" + parse(first).get("id");

    postWithKey(key, name)
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .valueEquals(IdempotencyFilter.REPLAYED_HEADER, "true")
        .expectHeader()
        .valueEquals("Location", location)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(
            detail ->
                assertThat(detail.toString())
                    .contains("shown only once")
                    .contains(location)
                    .doesNotContain(secret));

    assertThat(
            jdbc.queryForObject(
                "select count(*) from agent_token where name = ?", Long.class, name))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from idempotency_key where position(? in"
                    + " convert_from(response_body, 'UTF8')) > 0",
                Long.class,
                secret))
        .as("the secret is not kept for replays")
        .isZero();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(byte[] json) {
    return tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, Map.class);
  }

  @Test
  void theListPagesWithoutRepeatsOrGaps() {
    for (int i = 0; i < 3; i++) {
      issue("paged " + i);
    }
    List<Object> seen = new ArrayList<>();
    String token = null;
    do {
      String uri = TOKENS + "?page_size=2" + (token == null ? "" : "&page_token=" + token);
      Map<String, Object> page =
          as(root)
              .get()
              .uri(uri)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(Map.class)
              .returnResult()
              .getResponseBody();
      ((List<?>) page.get("items")).forEach(item -> seen.add(asMap(item).get("id")));
      token = (String) page.get("next_page_token");
    } while (token != null);

    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen)
        .containsExactlyElementsOf(
            jdbc.queryForList(
                "select token_id from agent_token order by created_at, token_id", Object.class));
  }

  @Test
  void badPageParametersAre400() {
    for (String query : List.of("page_size=0", "page_size=201", "page_size=x", "page_token=zz")) {
      as(root)
          .get()
          .uri(TOKENS + "?" + query)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
  }

  @Test
  void theAuditLogShowsWhoIssuedAndRevokedATokenToSystemAdminsOnly() {
    Issued issued = issue("audited");
    as(root).delete().uri(TOKENS + "/" + issued.id()).exchange().expectStatus().isNoContent();

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              List<Map<String, Object>> entries = audit(root, issued.id());
              assertThat(entries)
                  .extracting(e -> e.get("event_type"))
                  .containsExactly("AgentTokenRevoked", "AgentTokenIssued");
              assertThat(entries)
                  .allSatisfy(e -> assertThat(e.get("actor_id")).isEqualTo(root.userId()));
              assertThat(entries)
                  .allSatisfy(e -> assertThat(e.get("resource_type")).isEqualTo("AgentToken"));
              assertThat(entries).allSatisfy(e -> assertThat(e.get("organization_id")).isNull());
              assertThat(entries.get(1).toString()).doesNotContain(issued.token());
            });
    // platform-wide: not even the admin of the organization the system admin belongs to sees it
    Requester orgAdmin = new Requester("org-admin-" + org, org, Role.ORG_ADMIN);
    assertThat(audit(orgAdmin, issued.id())).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------

  record Issued(String id, String name, String token) {}

  private Issued issue(String name) {
    Map<String, Object> body =
        as(root)
            .post()
            .uri(TOKENS)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return new Issued(
        (String) body.get("id"), (String) body.get("name"), (String) body.get("token"));
  }

  private WebTestClient.ResponseSpec postWithKey(String key, String name) {
    return as(root)
        .post()
        .uri(TOKENS)
        .header(IdempotencyFilter.HEADER, key)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", name))
        .exchange();
  }

  private List<Map<String, Object>> listAll(Requester requester) {
    List<Map<String, Object>> all = new ArrayList<>();
    String token = null;
    do {
      String uri = TOKENS + "?page_size=200" + (token == null ? "" : "&page_token=" + token);
      Map<String, Object> page =
          as(requester)
              .get()
              .uri(uri)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(Map.class)
              .returnResult()
              .getResponseBody();
      ((List<?>) page.get("items")).forEach(item -> all.add(asMap(item)));
      token = (String) page.get("next_page_token");
    } while (token != null);
    return all;
  }

  private String listAsText(Requester requester) {
    return new String(
        as(requester)
            .get()
            .uri(TOKENS + "?page_size=200")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody(),
        StandardCharsets.UTF_8);
  }

  private static Map<String, Object> item(List<Map<String, Object>> items, String id) {
    return items.stream().filter(item -> id.equals(item.get("id"))).findFirst().orElseThrow();
  }

  private List<Map<String, Object>> audit(Requester requester, String resourceId) {
    Map<String, Object> page =
        as(requester)
            .get()
            .uri("/api/v1/audit?resource_id=" + resourceId)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    List<Map<String, Object>> entries = new ArrayList<>();
    ((List<?>) page.get("items")).forEach(entry -> entries.add(asMap(entry)));
    return entries;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object json) {
    return (Map<String, Object>) json;
  }

  private static void forbidden(WebTestClient.ResponseSpec response) {
    response
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  private WebTestClient as(Requester requester) {
    String token = tokenFor(requester);
    return client.mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
  }

  private long tokenCount() {
    return jdbc.queryForObject("select count(*) from agent_token", Long.class);
  }

  private long issuedEvents() {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where payload_type = ?",
        Long.class,
        "io.streamspace.events.agent.AgentTokenIssued");
  }

  private long eventsOf(String tokenId) {
    return jdbc.queryForObject(
        "select count(*) from domain_event_entry where aggregate_identifier = ?",
        Long.class,
        tokenId);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
