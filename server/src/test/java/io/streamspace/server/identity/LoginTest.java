package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.streamspace.events.common.Role;
import io.streamspace.server.support.IntegrationTest;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The standalone login issues tokens the platform accepts and anyone can verify with the JWKS;
 * every other way in is a 401 problem that tells nothing about which usernames exist.
 */
class LoginTest extends IntegrationTest {

  private static final String PASSWORD = "correct horse battery staple";

  @Autowired PasswordEncoder passwordEncoder;
  @Autowired RSAKey platformSigningKey;
  @Autowired TokenIssuer tokenIssuer;
  @Autowired org.springframework.core.env.Environment environment;

  private AccountFixtures accounts;

  @BeforeEach
  void accounts() {
    accounts = new AccountFixtures(jdbc, passwordEncoder);
  }

  @Test
  void theRightPasswordGivesABearerTokenThatTheJwksVerifies() throws Exception {
    UserAccount alice = accounts.create(PASSWORD, Role.ORG_ADMIN, false);

    Map<String, Object> answer =
        login(alice.username(), PASSWORD)
            .expectStatus()
            .isOk()
            .expectBody(
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();

    assertThat(answer).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600);
    SignedJWT token = SignedJWT.parse((String) answer.get("access_token"));
    String jwks =
        client
            .get()
            .uri("/.well-known/jwks.json")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    JWKSet published = JWKSet.parse(jwks);
    RSAKey publicKey = (RSAKey) published.getKeyByKeyId(token.getHeader().getKeyID());
    assertThat(publicKey.isPrivate()).isFalse();
    assertThat(jwks).doesNotContain("\"d\"", "\"p\"", "\"q\"");
    assertThat(token.verify(new RSASSAVerifier(publicKey))).isTrue();
    JWTClaimsSet claims = token.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(alice.userId());
    assertThat(claims.getAudience()).containsExactly("streamspace");
    assertThat(claims.getIssuer())
        .isEqualTo(tokenIssuer.issuer())
        .isEqualTo("http://localhost:" + environment.getProperty("server.port"));
    assertThat(claims.getStringClaim("org")).isEqualTo(alice.organizationId());
    assertThat(claims.getStringClaim("role")).isEqualTo("org_admin");
    assertThat(claims.getStringClaim("username")).isEqualTo(alice.username());
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(claims.getExpirationTime().toInstant())
        .isEqualTo(claims.getIssueTime().toInstant().plusSeconds(3600));
  }

  @Test
  void theIssuedTokenOpensTheApiAsItsOwner() {
    UserAccount bob = accounts.create(PASSWORD, Role.USER, false);

    client
        .post()
        .uri("/api/v1/test-probe/things")
        .headers(h -> h.setBearerAuth(tokenOf(bob)))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("display_name", "mine", "count", 1))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody()
        .jsonPath("$.actor_id")
        .isEqualTo(bob.userId())
        .jsonPath("$.organization_id")
        .isEqualTo(bob.organizationId())
        .jsonPath("$.client_ip")
        .isEqualTo("127.0.0.1");
  }

  @Test
  void aWrongPasswordAnUnknownUserAndADisabledAccountGetTheSame401() {
    UserAccount carol = accounts.create(PASSWORD, Role.USER, false);
    UserAccount dave = accounts.create(PASSWORD, Role.USER, true);

    for (String[] attempt :
        new String[][] {
          {carol.username(), "wrong password"},
          {"nobody-" + UUID.randomUUID(), PASSWORD},
          {dave.username(), PASSWORD}
        }) {
      login(attempt[0], attempt[1])
          .expectStatus()
          .isUnauthorized()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo(401)
          .jsonPath("$.detail")
          .isEqualTo("invalid username or password")
          .jsonPath("$.instance")
          .isEqualTo("/api/v1/auth/login")
          .jsonPath("$.access_token")
          .doesNotExist();
    }
  }

  @Test
  void aStaleTokenStillSentDoesNotStandInTheWayOfLoggingInAgain() {
    UserAccount frank = accounts.create(PASSWORD, Role.USER, false);

    client
        .post()
        .uri("/api/v1/auth/login")
        .headers(h -> h.setBearerAuth("expired.or.garbage"))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("username", frank.username(), "password", PASSWORD))
        .exchange()
        .expectStatus()
        .isOk();
    client
        .get()
        .uri("/actuator/health")
        .headers(h -> h.setBearerAuth("expired.or.garbage"))
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void aLoginWithoutPasswordIsAValidationProblem() {
    client
        .post()
        .uri("/api/v1/auth/login")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("username", "admin"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("password");
  }

  @Test
  void anApiCallWithoutATokenIsA401ProblemWithABearerChallenge() {
    client
        .get()
        .uri("/api/v1/test-probe/things?page_size=1")
        .header("X-Request-Id", "no-token-42")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("X-Request-Id", "no-token-42")
        .expectHeader()
        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Unauthorized")
        .jsonPath("$.request_id")
        .isEqualTo("no-token-42")
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).startsWith("authentication required"));
  }

  @Test
  void anUnknownApiRouteStillAsksForATokenFirst() {
    client.get().uri("/api/v1/no-such-route").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void expiredForgedAndForeignTokensAreRejectedWith401() {
    UserAccount erin = accounts.create(PASSWORD, Role.USER, false);
    Instant now = Instant.now();
    RSAKey stranger = SigningKeyStore.generate();

    String expired =
        sign(
            platformSigningKey,
            claims(erin)
                .issueTime(Date.from(now.minusSeconds(7200)))
                .expirationTime(Date.from(now.minusSeconds(3600)))
                .build());
    String forged = sign(stranger, claims(erin).build());
    String otherAudience = sign(platformSigningKey, claims(erin).audience("another-api").build());
    String otherIssuer =
        sign(platformSigningKey, claims(erin).issuer("https://idp.example.com").build());

    String unsigned = new com.nimbusds.jwt.PlainJWT(claims(erin).build()).serialize();
    String genuine = sign(platformSigningKey, claims(erin).build());
    String[] parts = genuine.split("\\.");
    java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
    // the payload raised to system_admin, the signature kept
    String tampered =
        parts[0]
            + "."
            + base64.encodeToString(
                new String(
                        java.util.Base64.getUrlDecoder().decode(parts[1]),
                        java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"user\"", "\"system_admin\"")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "."
            + parts[2];
    assertThat(tampered).isNotEqualTo(genuine);

    for (String token :
        new String[] {
          expired, forged, otherAudience, otherIssuer, unsigned, tampered, "not-a-jwt"
        }) {
      client
          .get()
          .uri("/api/v1/test-probe/things?page_size=1")
          .headers(h -> h.setBearerAuth(token))
          .exchange()
          .expectStatus()
          .isUnauthorized()
          .expectHeader()
          .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.detail")
          .isEqualTo("the bearer token is invalid or has expired: log in again");
    }
    client
        .get()
        .uri("/api/v1/test-probe/things?page_size=1")
        .headers(h -> h.setBearerAuth(sign(platformSigningKey, claims(erin).build())))
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void theOpenEndpointsNeedNoToken() {
    client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk();
    client.get().uri("/actuator/health").exchange().expectStatus().isOk();
    client.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
    client.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
  }

  private WebTestClient.ResponseSpec login(String username, String password) {
    return client
        .post()
        .uri("/api/v1/auth/login")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("username", username, "password", password))
        .exchange();
  }

  private String tokenOf(UserAccount account) {
    return (String)
        login(account.username(), PASSWORD)
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("access_token");
  }

  private JWTClaimsSet.Builder claims(UserAccount account) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(tokenIssuer.issuer())
        .subject(account.userId())
        .audience("streamspace")
        .claim("org", account.organizationId())
        .claim("role", account.role().wireName())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)));
  }

  private String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .keyID(platformSigningKey.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
