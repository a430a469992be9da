package io.streamspace.server.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** When the platform reads a provider's key set again, and when it does not. */
class ProviderKeySetTest {

  private static final Duration COOLDOWN = Duration.ofSeconds(30);
  private static final Duration MAX_AGE = Duration.ofHours(1);

  private final RSAKey first = key("first");
  private final RSAKey second = key("second");
  private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(first));
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicLong now = new AtomicLong();
  private HttpServer server;
  private ProviderKeySet keys;

  @BeforeEach
  void provider() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/keys",
        exchange -> {
          reads.incrementAndGet();
          byte[] body = published.get().toString(true).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    keys =
        new ProviderKeySet(
            "test",
            WebClient.create(),
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/keys"),
            COOLDOWN,
            MAX_AGE,
            now::get);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aKnownKeyIsServedFromMemory() {
    assertThat(keyIds(first)).containsExactly("first");
    assertThat(keyIds(first)).containsExactly("first");

    assertThat(reads).hasValue(1);
  }

  @Test
  void aRotatedKeyIsFetchedAtOnceWhenTheSetWasNotReadRecently() {
    keyIds(first);
    now.addAndGet(COOLDOWN.toNanos());
    published.set(new JWKSet(second));

    assertThat(keyIds(second)).containsExactly("second");
    assertThat(reads).hasValue(2);
  }

  @Test
  void unknownKeysWithinTheCooldownDoNotReadTheSetAgain() {
    keyIds(first);

    for (int i = 0; i < 10; i++) {
      assertThat(keyIds(key("made-up-" + i))).isEmpty();
    }
    assertThat(reads).as("the set was read a moment ago: unknown keys are unknown").hasValue(1);

    now.addAndGet(COOLDOWN.toNanos());
    assertThat(keyIds(key("made-up-after"))).isEmpty();
    assertThat(reads).hasValue(2);
  }

  @Test
  void aKeyTheProviderWithdrewStopsBeingTrustedOnceTheSetIsOld() {
    keyIds(first);
    published.set(new JWKSet(second));

    assertThat(keyIds(first)).as("still within the set's age").containsExactly("first");

    now.addAndGet(MAX_AGE.toNanos());
    assertThat(keyIds(first)).isEmpty();
  }

  private List<String> keyIds(RSAKey signer) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
            new JWTClaimsSet.Builder().subject("s").build());
    return keys.keysFor(jwt).map(JWK::getKeyID).collectList().block(Duration.ofSeconds(10));
  }

  private static RSAKey key(String id) {
    try {
      return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(id).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
