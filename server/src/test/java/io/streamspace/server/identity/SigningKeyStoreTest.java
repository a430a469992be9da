package io.streamspace.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key is made once, kept owner-only, and survives restarts and racing starts. */
class SigningKeyStoreTest {

  @TempDir Path dataDir;

  @Test
  void firstStartGeneratesAPrivateRsaKeyReadableByItsOwnerOnly() throws Exception {
    Path file = dataDir.resolve("keys").resolve("jwt-signing.json");

    RSAKey key = SigningKeyStore.loadOrCreate(file);

    assertThat(key.isPrivate()).isTrue();
    assertThat(key.size()).isGreaterThanOrEqualTo(2048);
    assertThat(key.getKeyID()).isNotBlank();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    try (var leftovers = Files.list(file.getParent())) {
      assertThat(leftovers).containsExactly(file);
    }
  }

  @Test
  void aRestartKeepsTheSameKeySoIssuedTokensStayValid() {
    Path file = dataDir.resolve("keys").resolve("jwt-signing.json");

    RSAKey first = SigningKeyStore.loadOrCreate(file);
    RSAKey second = SigningKeyStore.loadOrCreate(file);

    assertThat(second.toJSONObject()).isEqualTo(first.toJSONObject());
  }

  @Test
  void twoReplicasStartingAtOnceEndUpWithOneKey() throws Exception {
    Path file = dataDir.resolve("keys").resolve("jwt-signing.json");
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var starts = new java.util.ArrayList<java.util.concurrent.Future<RSAKey>>();
      for (int i = 0; i < 4; i++) {
        starts.add(pool.submit(() -> SigningKeyStore.loadOrCreate(file)));
      }
      RSAKey onDisk = SigningKeyStore.loadOrCreate(file);
      for (var start : starts) {
        assertThat(start.get().toJSONObject()).isEqualTo(onDisk.toJSONObject());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aConfiguredKeyFileIsUsedAsGiven() throws Exception {
    RSAKey provided = SigningKeyStore.generate();
    Path file = dataDir.resolve("mounted-secret.json");
    Files.writeString(file, provided.toJSONString());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertThat(SigningKeyStore.loadOrCreate(file).toJSONObject())
        .isEqualTo(provided.toJSONObject());
  }

  @Test
  void aKeyFileOpenToOthersIsRestrictedToItsOwner() throws Exception {
    Path file = dataDir.resolve("jwt-signing.json");
    Files.writeString(file, SigningKeyStore.generate().toJSONString());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    SigningKeyStore.loadOrCreate(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aPublicKeyAloneIsRefusedBecauseItCannotSign() throws Exception {
    Path file = dataDir.resolve("public-only.json");
    Files.writeString(file, SigningKeyStore.generate().toPublicJWK().toJSONString());

    assertThatThrownBy(() -> SigningKeyStore.loadOrCreate(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("private RSA key");
  }

  @Test
  void aCorruptKeyFileStopsTheStartWithItsPath() throws Exception {
    Path file = dataDir.resolve("jwt-signing.json");
    Files.writeString(file, "{not json");

    assertThatThrownBy(() -> SigningKeyStore.loadOrCreate(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString());
  }
}
