package io.streamspace.server.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.streamspace.server.identity.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * API clients send the provider's access token: it is checked against the provider's keys (found
 * through discovery, followed through rotation), issuer, audience and expiry, and the person it
 * names is provisioned on first sight and kept in sync after.
 */
class ProviderAccessTokenTest extends ExternalProviderTest {

  @Autowired private TokenIssuer platformTokens;

  @Test
  void theProviderIsListedForTheLoginPage() {
    client
        .get()
        .uri("/api/v1/auth/providers")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items[0].id")
        .isEqualTo(PROVIDER_ID)
        .jsonPath("$.items[0].display_name")
        .isEqualTo("Test provider")
        .jsonPath("$.items[0].login_url")
        .isEqualTo("/api/v1/auth/oidc/sas/login");
  }

  @Test
  void aFirstTokenProvisionsThePersonIntoTheirOrganizationWithoutAPassword() {
    String organization = newOrganizationName();
    String username =
        newPerson(
            "ada",
            Map.of(
                "org",
                organization,
                "email",
                "ada@example.com",
                "name",
                "Ada Lovelace",
                "preferred_username",
                "ada.lovelace-" + organization));

    sessionsWith(accessTokenOf(username)).expectStatus().isOk();

    Map<String, Object> account =
        jdbc.queryForMap(
            "select a.username, a.password_hash, a.role, a.email, a.display_name, o.name"
                + " from external_identity x join user_account a on a.user_id = x.user_id"
                + " join organization_name o on o.organization_id = a.organization_id"
                + " where x.provider_id = ? and x.subject = ?",
            PROVIDER_ID,
            username);
    assertThat(account)
        .containsEntry("username", "ada.lovelace-" + organization)
        .containsEntry("role", "user")
        .containsEntry("email", "ada@example.com")
        .containsEntry("display_name", "Ada Lovelace")
        .containsEntry("name", organization);
    assertThat(account.get("password_hash")).isNull();
    awaitAudited("UserProvisioned", "subject", username);

    // No password: the standalone login refuses the account whatever is typed.
    client
        .post()
        .uri("/api/v1/auth/login")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("username", "ada.lovelace-" + organization, "password", "anything"))
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void aLaterTokenSyncsAChangedRoleAndProfile() {
    String organization = newOrganizationName();
    String username = newPerson("bob", Map.of("org", organization, "email", "bob@example.com"));
    String firstToken = accessTokenOf(username);
    client
        .get()
        .uri("/api/v1/users")
        .headers(h -> h.setBearerAuth(firstToken))
        .exchange()
        .expectStatus()
        .isForbidden();

    provider.changeClaims(
        username,
        Map.of("org", organization, "email", "robert@example.com", "groups", List.of(ADMIN_GROUP)));
    String laterToken = accessTokenOf(username);
    client
        .get()
        .uri("/api/v1/users")
        .headers(h -> h.setBearerAuth(laterToken))
        .exchange()
        .expectStatus()
        .isOk();

    String userId =
        jdbc.queryForObject(
            "select user_id from external_identity where provider_id = ? and subject = ?",
            String.class,
            PROVIDER_ID,
            username);
    assertThat(jdbc.queryForMap("select role, email from user_account where user_id = ?", userId))
        .containsEntry("role", "org_admin")
        .containsEntry("email", "robert@example.com");
    awaitAudited("MemberRoleChanged", "user_id", userId);
    awaitAudited("MemberProfileChanged", "user_id", userId);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from external_identity where subject = ?",
                Integer.class,
                username))
        .as("one account, however often the person signs in")
        .isEqualTo(1);
  }

  @Test
  void aProfileClaimTheTokenLacksLeavesTheAccountAsItIs() {
    String organization = newOrganizationName();
    String username =
        newPerson("lee", Map.of("org", organization, "email", "lee@example.com", "name", "Lee"));
    sessionsWith(accessTokenOf(username)).expectStatus().isOk();

    provider.changeClaims(username, Map.of("org", organization)); // e.g. an access token
    sessionsWith(accessTokenOf(username)).expectStatus().isOk();

    String userId =
        jdbc.queryForObject(
            "select user_id from external_identity where provider_id = ? and subject = ?",
            String.class,
            PROVIDER_ID,
            username);
    assertThat(
            jdbc.queryForMap(
                "select email, display_name from user_account where user_id = ?", userId))
        .containsEntry("email", "lee@example.com")
        .containsEntry("display_name", "Lee");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where payload_type = ?"
                    + " and convert_from(payload, 'UTF8')::jsonb ->> 'user_id' = ?",
                Integer.class,
                "io.streamspace.events.organization.MemberProfileChanged",
                userId))
        .isZero();
  }

  @Test
  void concurrentFirstRequestsOfOnePersonProvisionOneAccount() {
    String organization = newOrganizationName();
    String username = newPerson("kim", Map.of("org", organization));
    String token = accessTokenOf(username);

    List<Integer> statuses =
        Flux.range(0, 6)
            .flatMap(
                i ->
                    WebClient.create("http://127.0.0.1:" + port)
                        .get()
                        .uri("/api/v1/sessions")
                        .headers(h -> h.setBearerAuth(token))
                        .exchangeToMono(response -> Mono.just(response.statusCode().value())))
            .collectList()
            .block(Duration.ofSeconds(60));

    assertThat(statuses).containsOnly(200);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from external_identity where subject = ?",
                Integer.class,
                username))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from domain_event_entry where payload_type = ?"
                    + " and convert_from(payload, 'UTF8')::jsonb ->> 'subject' = ?",
                Integer.class,
                "io.streamspace.events.user.UserProvisioned",
                username))
        .isEqualTo(1);
  }

  @Test
  void aDisabledAccountIsRefusedThoughTheProviderStillVouchesForIt() {
    String organization = newOrganizationName();
    String username = newPerson("dan", Map.of("org", organization));
    String token = accessTokenOf(username);
    sessionsWith(token).expectStatus().isOk();
    String userId =
        jdbc.queryForObject(
            "select user_id from external_identity where provider_id = ? and subject = ?",
            String.class,
            PROVIDER_ID,
            username);
    String organizationId =
        jdbc.queryForObject(
            "select organization_id from user_account where user_id = ?", String.class, userId);
    String admin =
        tokenFor(
            new io.streamspace.events.common.Requester(
                "admin-" + organizationId,
                organizationId,
                io.streamspace.events.common.Role.ORG_ADMIN));

    client
        .put()
        .uri("/api/v1/users/" + userId)
        .headers(h -> h.setBearerAuth(admin))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("disabled", true))
        .exchange()
        .expectStatus()
        .isOk();

    // within the account check interval, as for the platform's own tokens
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> sessionsWith(token).expectStatus().isUnauthorized());
  }

  @Test
  void anOrganizationThatDoesNotExistIsRefusedWith403AndAudited() {
    String username = newPerson("eve", Map.of("org", "no-such-organization-" + newId()));

    client
        .get()
        .uri("/api/v1/sessions")
        .headers(h -> h.setBearerAuth(accessTokenOf(username)))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("does not exist"));

    awaitAudited("SingleSignOnRefused", "subject", username);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from external_identity where subject = ?",
                Integer.class,
                username))
        .isZero();
  }

  @Test
  void afterTheProviderRotatesItsKeyNewTokensAreStillAccepted() {
    String organization = newOrganizationName();
    String username = newPerson("rot", Map.of("org", organization));
    sessionsWith(accessTokenOf(username)).expectStatus().isOk(); // the old key set is cached

    RSAKey newKey = provider.rotateKey();
    String tokenOfNewKey = accessTokenOf(username);
    assertThat(header(tokenOfNewKey)).contains(newKey.getKeyID());

    // At once, or (when the key set was read just now) once the refresh cooldown has passed.
    Awaitility.await()
        .atMost(KEY_REFRESH_COOLDOWN.plusSeconds(10))
        .untilAsserted(() -> sessionsWith(tokenOfNewKey).expectStatus().isOk());
  }

  @Test
  void tokensNamingUnknownKeysReadTheKeySetAtMostOncePerCooldown() throws JOSEException {
    String organization = newOrganizationName();
    int readsBefore = provider.keySetReads();
    long started = System.nanoTime();

    for (int i = 0; i < 20; i++) {
      RSAKey madeUp = new RSAKeyGenerator(2048).keyID("made-up-" + i).generate();
      expectUnauthorized(sign(madeUp, claims(organization).build()));
    }

    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
    int reads = provider.keySetReads() - readsBefore;
    assertThat(reads)
        .as("key set reads for 20 forged tokens in %d ms", elapsedMillis)
        .isLessThanOrEqualTo(1 + (int) (elapsedMillis / KEY_REFRESH_COOLDOWN.toMillis()));
  }

  @Test
  void aTokenSignedWithTheProvidersKeyAndRightClaimsIsAccepted() {
    // The control for the forgeries below: each differs from this one in one defect only.
    String organization = newOrganizationName();
    sessionsWith(signedByProvider(organization, claims -> {})).expectStatus().isOk();
  }

  @Test
  void anExpiredTokenIsRefused() {
    String organization = newOrganizationName();
    Instant past = Instant.now().minusSeconds(3600);
    expectUnauthorized(
        signedByProvider(
            organization,
            claims ->
                claims
                    .issueTime(Date.from(past))
                    .expirationTime(Date.from(past.plusSeconds(300)))));
  }

  @Test
  void aTokenOfAnotherIssuerIsRefused() {
    String organization = newOrganizationName();
    expectUnauthorized(
        signedByProvider(organization, claims -> claims.issuer("http://127.0.0.1:1/elsewhere")));
  }

  @Test
  void aProviderSignedTokenClaimingThePlatformsIssuerIsRefused() {
    // The issuer picks the verifier: the platform's checks the platform's key, not the provider's.
    String organization = newOrganizationName();
    expectUnauthorized(
        signedByProvider(
            organization,
            claims ->
                claims
                    .issuer(platformTokens.issuer())
                    .audience("streamspace")
                    .claim("role", "system_admin")));
  }

  @Test
  void aTokenForAnotherAudienceIsRefused() {
    String organization = newOrganizationName();
    expectUnauthorized(signedByProvider(organization, claims -> claims.audience("another-api")));
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String organization = newOrganizationName();
    PlainJWT unsigned = new PlainJWT(claims(organization).build());
    expectUnauthorized(unsigned.serialize());
  }

  @Test
  void aTokenSignedWithAnotherKeyUnderTheProvidersKeyIdIsRefused() throws JOSEException {
    String organization = newOrganizationName();
    RSAKey impostor =
        new RSAKeyGenerator(2048)
            .keyUse(KeyUse.SIGNATURE)
            .keyID(provider.signingKey().getKeyID())
            .generate();
    expectUnauthorized(sign(impostor, claims(organization).build()));
  }

  @Test
  void aGenuineTokenWithTamperedClaimsIsRefused() {
    String organization = newOrganizationName();
    String username = newPerson("mallory", Map.of("org", organization));
    String[] parts = accessTokenOf(username).split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String escalated = payload.replaceFirst("\\{", "{\"groups\":[\"" + ADMIN_GROUP + "\"],");
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(escalated.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    expectUnauthorized(tampered);
  }

  @Test
  void thePlatformsOwnTokensKeepWorking() {
    String organization = newOrganizationName();
    String organizationId = organization.substring("org-".length());
    sessionsWith(
            tokenFor(
                new io.streamspace.events.common.Requester(
                    "local-" + organizationId,
                    organizationId,
                    io.streamspace.events.common.Role.USER)))
        .expectStatus()
        .isOk();
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec sessionsWith(
      String token) {
    return client.get().uri("/api/v1/sessions").headers(h -> h.setBearerAuth(token)).exchange();
  }

  private void expectUnauthorized(String token) {
    sessionsWith(token)
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401);
  }

  private static JWTClaimsSet.Builder claims(String organization) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(provider.issuer())
        .subject("minted-" + newId())
        .audience(TestIdentityProvider.CLIENT_ID)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .claim("org", organization);
  }

  private static String signedByProvider(
      String organization, Consumer<JWTClaimsSet.Builder> change) {
    JWTClaimsSet.Builder claims = claims(organization);
    change.accept(claims);
    return sign(provider.signingKey(), claims.build());
  }

  private static String sign(RSAKey key, JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static String header(String token) {
    return new String(
        Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
        StandardCharsets.UTF_8);
  }
}
