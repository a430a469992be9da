package io.streamspace.command.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamspace.command.common.SecretHashes;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * API key secrets: {@code ssk_} + 8 visible characters + {@code _} + 256 random bits, told apart
 * from JWTs by their scheme, shown by their 12-character prefix, kept as SHA-256.
 */
class ApiKeySecretsTest {

  @Test
  void aSecretHasTheSchemeAVisiblePartAndARandomPart() {
    String secret = ApiKeySecrets.generate();

    assertThat(secret).matches("ssk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}");
    assertThat(ApiKeySecrets.isWellFormed(secret)).isTrue();
    assertThat(ApiKeySecrets.looksLikeApiKey(secret)).isTrue();
    assertThat(ApiKeySecrets.prefixOf(secret))
        .isEqualTo(secret.substring(0, 12))
        .startsWith("ssk_");
  }

  @Test
  void secretsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(ApiKeySecrets.generate())).isTrue();
    }
  }

  @Test
  void aJwtOrAnAgentTokenIsNoApiKey() {
    assertThat(ApiKeySecrets.looksLikeApiKey("eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isFalse();
    assertThat(ApiKeySecrets.looksLikeApiKey("ssa_" + "A".repeat(43))).isFalse();
    assertThat(ApiKeySecrets.looksLikeApiKey(null)).isFalse();
  }

  @Test
  void malformedKeysAreNotLookedUp() {
    String real = ApiKeySecrets.generate();
    for (String malformed :
        new String[] {
          null,
          "",
          "ssk_",
          "ssk_abcdefgh_",
          real + "x",
          " " + real,
          real.toUpperCase(),
          "ssk_ABCDEFGH_" + real.substring(13)
        }) {
      assertThat(ApiKeySecrets.isWellFormed(malformed)).as(String.valueOf(malformed)).isFalse();
    }
  }

  @Test
  void theStoredHashIsTheSecretsSha256AndComparesInConstantTime() {
    String hash = SecretHashes.sha256("ssk_abcdefgh_secret");

    assertThat(hash)
        .hasSize(64)
        .isEqualTo("%064x".formatted(new java.math.BigInteger(1, sha256("ssk_abcdefgh_secret"))));
    assertThat(SecretHashes.same(hash, SecretHashes.sha256("ssk_abcdefgh_secret"))).isTrue();
    assertThat(SecretHashes.same(hash, SecretHashes.sha256("ssk_abcdefgh_secreT"))).isFalse();
    assertThat(SecretHashes.same(null, hash)).isFalse();
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
