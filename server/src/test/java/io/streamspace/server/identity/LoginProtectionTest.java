package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.events.common.Role;
import io.streamspace.server.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The password login resists guessing: five failures lock the username (429 with Retry-After, even
 * for the right password), each lockout lasts twice as long as the one before, a success clears the
 * count, an address that fails at many usernames is locked too, and every login, good or bad, is in
 * the audit log without its password.
 */
class LoginProtectionTest extends IntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";
  private static final String LOGIN = "/api/v1/auth/login";

  @Autowired PasswordEncoder passwordEncoder;
  @Autowired LoginProtectionProperties properties;

  private AccountFixtures accounts;

  @BeforeEach
  void accounts() {
    accounts = new AccountFixtures(jdbc, passwordEncoder);
    forgetAddresses();
  }

  @AfterEach
  void forgetAddresses() {
    // every test client comes from 127.0.0.1: the other tests' logins must not inherit a lock
    jdbc.update("delete from login_throttle where subject like 'ip:%'");
  }

  @Test
  void fiveFailuresLockTheUsernameEvenForTheRightPassword() {
    UserAccount alice = accounts.create(PASSWORD, Role.USER, false);
    for (int i = 0; i < 5; i++) {
      login(alice.username(), "wrong password").expectStatus().isUnauthorized();
    }

    login(alice.username(), PASSWORD)
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .value(
            HttpHeaders.RETRY_AFTER,
            seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L))
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("urn:streamspace:problem:login-locked");
  }

  @Test
  void anUnknownUsernameIsLockedJustTheSame() {
    String nobody = "nobody-" + newId();
    for (int i = 0; i < 5; i++) {
      login(nobody, "guess " + i).expectStatus().isUnauthorized();
    }
    login(nobody, "guess 6").expectStatus().isEqualTo(429);
  }

  @Test
  void eachLockoutLastsTwiceAsLongAsTheOneBefore() {
    UserAccount bob = accounts.create(PASSWORD, Role.USER, false);
    for (int i = 0; i < 5; i++) {
      login(bob.username(), "wrong password").expectStatus().isUnauthorized();
    }
    long first = retryAfter(login(bob.username(), PASSWORD));
    // the first lockout is over
    jdbc.update(
        "update login_throttle set locked_until = now() - interval '1 second' where subject = ?",
        LoginThrottle.userSubject(bob.username()));

    for (int i = 0; i < 5; i++) {
      login(bob.username(), "wrong password").expectStatus().isUnauthorized();
    }
    long second = retryAfter(login(bob.username(), PASSWORD));

    assertThat(first).isBetween(55L, 60L);
    assertThat(second).isBetween(115L, 120L);
  }

  @Test
  void aSuccessClearsTheUsernamesFailures() {
    UserAccount carol = accounts.create(PASSWORD, Role.USER, false);
    for (int i = 0; i < 4; i++) {
      login(carol.username(), "wrong password").expectStatus().isUnauthorized();
    }
    login(carol.username(), PASSWORD).expectStatus().isOk();
    for (int i = 0; i < 4; i++) {
      login(carol.username(), "wrong password").expectStatus().isUnauthorized();
    }
    login(carol.username(), PASSWORD).expectStatus().isOk();
  }

  @Test
  void anAddressGuessingAtManyUsernamesIsLocked() {
    UserAccount dave = accounts.create(PASSWORD, Role.USER, false);
    for (int i = 0; i < properties.maxFailuresPerAddress(); i++) {
      login("someone-" + newId(), "guess").expectStatus().isUnauthorized();
    }

    // even dave, never guessed at, is refused from that address for now
    login(dave.username(), PASSWORD)
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .exists(HttpHeaders.RETRY_AFTER);
  }

  @Test
  void loginsGoodAndBadAreAuditedWithoutThePassword() {
    UserAccount erin = accounts.create(PASSWORD, Role.ORG_ADMIN, false);
    login(erin.username(), "a wrong password 1234").expectStatus().isUnauthorized();
    login(erin.username(), PASSWORD).expectStatus().isOk();
    String nobody = "nobody-" + newId();
    login(nobody, "another guess 5678").expectStatus().isUnauthorized();

    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForList(
                            "select event_type from audit_log where resource_id = ?"
                                + " order by global_index",
                            String.class,
                            erin.userId()))
                    .containsExactly("LoginFailed", "LoginSucceeded"));
    List<Map<String, Object>> rows =
        jdbc.queryForList(
            "select event_type, organization_id, actor_id, client_ip, payload::text as payload"
                + " from audit_log where resource_id = ? order by global_index",
            erin.userId());
    assertThat(rows.get(0).get("payload").toString())
        .contains("\"reason\": \"wrong password\"")
        .doesNotContain("a wrong password 1234");
    assertThat(rows.get(0).get("organization_id")).isEqualTo(erin.organizationId());
    assertThat(rows.get(0).get("actor_id")).isNull();
    assertThat(rows.get(0).get("client_ip")).isEqualTo("127.0.0.1");
    assertThat(rows.get(1).get("actor_id")).isEqualTo(erin.userId());
    assertThat(rows.get(1).get("organization_id")).isEqualTo(erin.organizationId());

    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.queryForList(
                            "select payload::text from audit_log where event_type = 'LoginFailed'"
                                + " and payload->>'username' = ?",
                            String.class,
                            nobody))
                    .singleElement()
                    .asString()
                    .contains("unknown user")
                    .doesNotContain("another guess 5678"));
  }

  private long retryAfter(WebTestClient.ResponseSpec response) {
    return Long.parseLong(
        response
            .expectStatus()
            .isEqualTo(429)
            .returnResult(String.class)
            .getResponseHeaders()
            .getFirst(HttpHeaders.RETRY_AFTER));
  }

  private WebTestClient.ResponseSpec login(String username, String password) {
    return client
        .post()
        .uri(LOGIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("username", username, "password", password))
        .exchange();
  }
}
