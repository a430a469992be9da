package io.streamspace.server.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The web UI's sign-in: the server sends the browser to the provider (authorization code, PKCE
 * S256, state and nonce), the person logs in at the provider's form, and the server turns the
 * provider's answer into a platform token handed to {@code /login/callback}. Every failure ends at
 * {@code /login?error=...} and is audited.
 */
class BrowserSignOnTest extends ExternalProviderTest {

  @Test
  void aPersonSigningInAtTheProviderEndsAtTheCallbackWithAPlatformTokenThatWorks() {
    String organization = newOrganizationName();
    String username =
        newPerson(
            "grace",
            Map.of("org", organization, "name", "Grace Hopper", "groups", List.of(ADMIN_GROUP)));
    Browser browser = new Browser();

    HttpResponse<String> start = browser.get(server("/api/v1/auth/oidc/sas/login"));
    assertThat(start.statusCode()).isEqualTo(302);
    URI authorize = URI.create(Browser.location(start));
    Map<String, String> request = Browser.parameters(authorize.getRawQuery());
    assertThat(authorize.toString()).startsWith(provider.issuer() + "/oauth2/authorize");
    assertThat(request)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", TestIdentityProvider.CLIENT_ID)
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("state", "nonce", "code_challenge");
    assertThat(start.headers().firstValue("Set-Cookie").orElseThrow())
        .contains("HttpOnly")
        .contains("SameSite=Lax");

    URI callback =
        browser.followUntil(
            start, uri -> uri.getPath().startsWith("/login/callback"), username, "pw-" + username);

    Map<String, String> fragment = Browser.parameters(callback.getRawFragment());
    assertThat(fragment).containsKeys("access_token", "expires_in");
    String platformToken = fragment.get("access_token");
    client
        .get()
        .uri("/api/v1/sessions")
        .headers(h -> h.setBearerAuth(platformToken))
        .exchange()
        .expectStatus()
        .isOk();
    // the mapped role travels with the platform token: an org admin may list the organization,
    // where the new member appears once the read model has seen them
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                client
                    .get()
                    .uri("/api/v1/users")
                    .headers(h -> h.setBearerAuth(platformToken))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    // the provider sends no preferred_username: the account is named after it
                    .jsonPath("$.items[?(@.display_name == 'Grace Hopper')].username")
                    .isEqualTo(PROVIDER_ID + ":" + username));
    awaitAudited("UserProvisioned", "subject", username);
  }

  @Test
  void aCallbackWhoseStateIsNotThisBrowsersIsRefused() {
    String organization = newOrganizationName();
    String username = newPerson("ivan", Map.of("org", organization));
    Browser browser = new Browser();
    HttpResponse<String> start = browser.get(server("/api/v1/auth/oidc/sas/login"));
    URI callback =
        browser.followUntil(
            start,
            uri -> uri.getPath().startsWith("/login/oauth2/code/"),
            username,
            "pw-" + username);
    String code = Browser.parameters(callback.getRawQuery()).get("code");
    String forgedState = random();

    HttpResponse<String> answer =
        browser.get(server("/login/oauth2/code/sas?code=" + code + "&state=" + forgedState));

    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(Browser.location(answer)).isEqualTo("/login?error=invalid_state");
    awaitAuditedReason("invalid_state");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from external_identity where subject = ?",
                Integer.class,
                username))
        .as("nobody is provisioned by a refused callback")
        .isZero();
  }

  @Test
  void aCallbackWithoutTheLoginCookieIsRefused() {
    HttpResponse<String> answer =
        new Browser().get(server("/login/oauth2/code/sas?code=whatever&state=" + random()));

    assertThat(Browser.location(answer)).isEqualTo("/login?error=invalid_state");
  }

  @Test
  void aLoginDeniedAtTheProviderEndsAtTheLoginPageWithTheReason() {
    Browser browser = new Browser();
    HttpResponse<String> start = browser.get(server("/api/v1/auth/oidc/sas/login"));
    String state =
        Browser.parameters(URI.create(Browser.location(start)).getRawQuery()).get("state");

    HttpResponse<String> answer =
        browser.get(server("/login/oauth2/code/sas?error=access_denied&state=" + state));

    assertThat(Browser.location(answer)).isEqualTo("/login?error=access_denied");
    awaitAuditedReason("access_denied");
  }

  @Test
  void aPersonOfAnUnknownOrganizationIsSentBackWithTheReason() {
    String username = newPerson("zoe", Map.of("org", "no-such-organization-" + newId()));
    Browser browser = new Browser();
    URI end =
        browser.followUntil(
            browser.get(server("/api/v1/auth/oidc/sas/login")),
            uri -> uri.getPort() == port && uri.getPath().equals("/login"),
            username,
            "pw-" + username);

    assertThat(end.getQuery()).isEqualTo("error=unknown_organization");
    awaitAudited("SingleSignOnRefused", "subject", username);
  }

  @Test
  void anIdTokenWhoseNonceIsNotThisLoginsIsRefused() {
    String organization = newOrganizationName();
    String username = newPerson("nina", Map.of("org", organization));
    provider.overrideIdTokenClaims(username, Map.of("nonce", "a-nonce-of-another-login"));

    assertThat(browserLoginEndsAt(username)).isEqualTo("error=invalid_id_token");
    awaitAuditedReason("invalid_id_token");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from external_identity where subject = ?",
                Integer.class,
                username))
        .isZero();
  }

  @Test
  void anIdTokenIssuedToAnotherClientIsRefused() {
    String organization = newOrganizationName();
    String username = newPerson("otto", Map.of("org", organization));
    provider.overrideIdTokenClaims(username, Map.of("aud", List.of("another-client")));

    assertThat(browserLoginEndsAt(username)).isEqualTo("error=invalid_id_token");
  }

  /** Runs a browser login to its end at the server's login page; answers the query there. */
  private String browserLoginEndsAt(String username) {
    Browser browser = new Browser();
    URI end =
        browser.followUntil(
            browser.get(server("/api/v1/auth/oidc/sas/login")),
            uri ->
                uri.getPort() == port
                    && uri.getPath().startsWith("/login")
                    && !uri.getPath().startsWith("/login/oauth2"),
            username,
            "pw-" + username);
    assertThat(end.getPath()).as("the login did not end at the login page").isEqualTo("/login");
    return end.getQuery();
  }

  @Test
  void anUnknownProviderIsNotFound() {
    client.get().uri("/api/v1/auth/oidc/nope/login").exchange().expectStatus().isNotFound();
  }

  private void awaitAuditedReason(String reason) {
    awaitAudited("SingleSignOnRefused", "reason", reason);
  }
}
