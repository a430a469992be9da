package io.streamspace.server.identity.oidc;

import io.streamspace.events.common.Resources;
import io.streamspace.events.organization.Quota;
import io.streamspace.server.support.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the single sign-on tests: the whole server configured with one external provider, {@code
 * sas}, which is a real Spring Authorization Server ({@link TestIdentityProvider}) in this JVM. The
 * provider's people name their organization in the {@code org} claim and their groups in {@code
 * groups}; the group {@code streamspace-admins} maps to {@code org_admin}.
 */
abstract class ExternalProviderTest extends IntegrationTest {

  static final String PROVIDER_ID = "sas";
  static final String ADMIN_GROUP = "streamspace-admins";
  static final Duration KEY_REFRESH_COOLDOWN = Duration.ofSeconds(2);
  static final JsonMapper JSON = JsonMapper.builder().build();

  static final TestIdentityProvider provider = TestIdentityProvider.get();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void externalProvider(DynamicPropertyRegistry registry) {
    TestIdentityProvider idp = TestIdentityProvider.get();
    String prefix = "streamspace.identity.oidc.providers[0].";
    registry.add(prefix + "id", () -> PROVIDER_ID);
    registry.add(prefix + "display-name", () -> "Test provider");
    registry.add(prefix + "issuer-uri", idp::issuer);
    registry.add(prefix + "client-id", () -> TestIdentityProvider.CLIENT_ID);
    // the secret comes from a file, as it would from a mounted secret
    registry.add(prefix + "client-secret-file", () -> secretFile().toString());
    registry.add(prefix + "claims.organization", () -> "org");
    registry.add(prefix + "roles.claim", () -> "groups");
    registry.add(prefix + "roles.mapping." + ADMIN_GROUP, () -> "org_admin");
    registry.add(
        "streamspace.identity.oidc.key-refresh-cooldown", () -> KEY_REFRESH_COOLDOWN.toString());
  }

  private static Path secretFile() {
    try {
      Path file = Files.createTempFile("oidc-client-secret", ".txt");
      Files.writeString(file, TestIdentityProvider.CLIENT_SECRET + "\n");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An organization of the test's own, by its unique name. */
  String newOrganizationName() {
    return "org-"
        + newTenant(new Quota(10, 1_000_000, 1_000_000), new Resources(10, 16)).organizationId();
  }

  /** The platform's base URL by IP: the provider accepts loopback redirects by IP only. */
  URI server(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** A person at the provider, with a password and these claims; answers the username. */
  static String newPerson(String name, Map<String, Object> claims) {
    String username = name + "-" + newId().substring(0, 8);
    provider.putUser(username, "pw-" + username, claims);
    return username;
  }

  /**
   * The provider's tokens for {@code username}, obtained as a native client would: authorization
   * code with PKCE at the provider, logging in at its form, then the token endpoint.
   */
  static Map<String, Object> providerTokens(String username) {
    Browser browser = new Browser();
    String verifier = random();
    String authorize =
        provider.issuer()
            + "/oauth2/authorize?response_type=code&client_id="
            + TestIdentityProvider.CLIENT_ID
            + "&redirect_uri="
            + URLEncoder.encode(TestIdentityProvider.TEST_REDIRECT_URI, StandardCharsets.UTF_8)
            + "&scope=openid%20profile%20email&state="
            + random()
            + "&code_challenge="
            + challenge(verifier)
            + "&code_challenge_method=S256";
    URI back =
        browser.followUntil(
            browser.get(URI.create(authorize)),
            uri -> uri.toString().startsWith(TestIdentityProvider.TEST_REDIRECT_URI),
            username,
            "pw-" + username);
    String code = Browser.parameters(back.getRawQuery()).get("code");
    HttpResponse<String> tokens =
        browser.postForm(
            URI.create(provider.issuer() + "/oauth2/token"),
            Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                TestIdentityProvider.TEST_REDIRECT_URI,
                "code_verifier",
                verifier),
            Base64.getEncoder()
                .encodeToString(
                    (TestIdentityProvider.CLIENT_ID + ":" + TestIdentityProvider.CLIENT_SECRET)
                        .getBytes(StandardCharsets.UTF_8)));
    if (tokens.statusCode() != 200) {
      throw new AssertionError("token endpoint answered " + tokens.statusCode() + tokens.body());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> body = JSON.readValue(tokens.body(), Map.class);
    return body;
  }

  static String accessTokenOf(String username) {
    return (String) providerTokens(username).get("access_token");
  }

  /** How many audit entries of {@code eventType} have {@code field} = {@code value}, waiting. */
  void awaitAudited(String eventType, String field, String value) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                jdbc.queryForObject(
                        "select count(*) from audit_log where event_type = ? and payload ->> ? = ?",
                        Integer.class,
                        eventType,
                        field,
                        value)
                    > 0);
  }

  static String random() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String challenge(String verifier) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
