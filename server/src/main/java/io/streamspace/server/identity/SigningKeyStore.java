package io.streamspace.server.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Date;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the platform's RSA signing key in a JWK file readable by its owner only, generating it on
 * the first start so a standalone platform needs no setup and keeps its tokens valid across
 * restarts.
 */
public final class SigningKeyStore {

  private static final Logger log = LoggerFactory.getLogger(SigningKeyStore.class);
  private static final int KEY_SIZE = 2048;
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private SigningKeyStore() {}

  /**
   * The private RSA key in {@code file}, generated and written there first if the file is absent.
   */
  public static RSAKey loadOrCreate(Path file) {
    if (Files.exists(file)) {
      return load(file);
    }
    RSAKey generated = generate();
    try {
      write(file, generated);
      log.info("Generated the platform's token signing key {} in {}", generated.getKeyID(), file);
      return generated;
    } catch (FileAlreadyExistsException raced) {
      // Another process of the same platform wrote its key first: use that one, so both agree.
      return load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the token signing key to " + file, e);
    }
  }

  static RSAKey load(Path file) {
    tightenPermissions(file);
    try {
      JWK jwk = JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate()) {
        throw new IllegalStateException(
            file + " must hold a private RSA key as a JWK (kty RSA with the private parts)");
      }
      return rsa;
    } catch (ParseException e) {
      throw new IllegalStateException(file + " does not hold a valid JWK: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token signing key from " + file, e);
    }
  }

  static RSAKey generate() {
    try {
      return new RSAKeyGenerator(KEY_SIZE)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .keyIDFromThumbprint(true)
          .issueTime(new Date())
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA signing key", e);
    }
  }

  private static void write(Path file, RSAKey key) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    createOwnerOnlyDirectories(directory);
    // Written under a temporary name with owner-only permissions from its creation, then linked in
    // place: the key is never readable by others, not even for a moment, and never half-written.
    Path temporary = Files.createTempFile(directory, ".jwt-signing", ".tmp", ownerOnly(directory));
    try {
      Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
      try {
        // A hard link appears atomically and fails if the name exists, unlike a rename, which
        // would silently replace a key another process wrote a moment earlier.
        Files.createLink(file, temporary);
      } catch (FileAlreadyExistsException e) {
        throw e;
      } catch (IOException | UnsupportedOperationException noHardLinks) {
        // File systems without hard links: a plain move, which also refuses an existing name.
        Files.move(temporary, file);
      }
      if (Files.size(file) == 0) {
        throw new IOException("the key file is empty after writing");
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static java.nio.file.attribute.FileAttribute<?>[] ownerOnly(Path directory) {
    return supportsPosix(directory)
        ? new java.nio.file.attribute.FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)
        }
        : new java.nio.file.attribute.FileAttribute<?>[0];
  }

  private static void createOwnerOnlyDirectories(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    Files.createDirectories(directory);
    if (supportsPosix(directory)) {
      Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
    }
  }

  private static void tightenPermissions(Path file) {
    if (!supportsPosix(file)) {
      return;
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (!OWNER_ONLY_FILE.containsAll(permissions)) {
        log.warn(
            "The token signing key {} was readable by others; restricting it to its owner", file);
        Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
      }
    } catch (IOException | UnsupportedOperationException e) {
      log.warn("Cannot check the permissions of the token signing key {}: {}", file, e.toString());
    }
  }

  private static boolean supportsPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
