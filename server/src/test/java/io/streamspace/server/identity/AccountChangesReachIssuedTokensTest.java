package io.streamspace.server.identity;

import io.streamspace.events.common.Requester;
import io.streamspace.events.common.Role;
import io.streamspace.events.organization.CreateOrganization;
import io.streamspace.events.organization.Quota;
import io.streamspace.events.user.RegisterUser;
import io.streamspace.server.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A token is valid for an hour, but an account disabled or demoted in the meantime stops acting (or
 * acting as it was) within seconds, and a token for an account that does not exist opens nothing.
 */
class AccountChangesReachIssuedTokensTest extends IntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final Duration WITHIN = Duration.ofSeconds(15);

  @Autowired PasswordEncoder passwordEncoder;
  @Autowired TokenIssuer tokenIssuer;

  private String org;
  private Requester admin;

  @BeforeEach
  void organization() {
    org = newId();
    admin = new Requester("admin-" + org, org, Role.ORG_ADMIN);
    send(
        new CreateOrganization(org, "accounts-" + org, "Accounts", new Quota(5, 5000, 5000)),
        new Requester("root", "platform", Role.SYSTEM_ADMIN));
  }

  @Test
  void aDisabledAccountsOldTokenIsRefusedWithAccountDisabled() {
    String bob = register("bob", Role.USER);
    String bobsToken = login("bob");
    createThing(bobsToken).expectStatus().isCreated();

    changeUser(bob, Map.of("disabled", true)).expectStatus().isOk();

    Awaitility.await()
        .atMost(WITHIN)
        .untilAsserted(
            () ->
                createThing(bobsToken)
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("account disabled"));
  }

  @Test
  void aDemotedAdminsOldTokenActsWithTheNewRole() {
    String carol = register("carol", Role.ORG_ADMIN);
    String dave = register("dave", Role.USER);
    String carolsToken = login("carol");
    manageDave(carolsToken, dave).expectStatus().isOk();

    changeUser(carol, Map.of("role", "user")).expectStatus().isOk();

    Awaitility.await()
        .atMost(WITHIN)
        .untilAsserted(() -> manageDave(carolsToken, dave).expectStatus().isForbidden());
  }

  @Test
  void aTokenForAnAccountThatDoesNotExistIsRefused() {
    String token =
        tokenIssuer
            .issue(new UserAccount(newId(), org, "nobody", "", Role.SYSTEM_ADMIN, false))
            .accessToken();

    createThing(token)
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
  }

  private String register(String name, Role role) {
    String userId = newId();
    send(
        new RegisterUser(
            userId,
            admin,
            org,
            name + "-" + org.substring(0, 8),
            passwordEncoder.encode(PASSWORD),
            null,
            name,
            role),
        admin);
    return userId;
  }

  private String login(String name) {
    Map<?, ?> answer =
        client
            .post()
            .uri("/api/v1/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("username", name + "-" + org.substring(0, 8), "password", PASSWORD))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (String) answer.get("access_token");
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec createThing(
      String token) {
    return client
        .post()
        .uri("/api/v1/test-probe/things")
        .headers(h -> h.setBearerAuth(token))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("display_name", "mine", "count", 1))
        .exchange();
  }

  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec changeUser(
      String userId, Map<String, Object> change) {
    return client
        .put()
        .uri("/api/v1/users/{id}", userId)
        .headers(h -> h.setBearerAuth(tokenFor(admin)))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(change)
        .exchange();
  }

  /** Something only an organization admin may do, and that changes nothing. */
  private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec manageDave(
      String token, String dave) {
    return client
        .put()
        .uri("/api/v1/users/{id}", dave)
        .headers(h -> h.setBearerAuth(token))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("disabled", false))
        .exchange();
  }
}
