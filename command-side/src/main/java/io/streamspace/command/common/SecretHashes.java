package io.streamspace.command.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the platform keeps the secrets it hands out (agent tokens, API keys): as their SHA-256 in
 * lower-case hex, compared in constant time.
 *
 * <p>A plain hash suffices (no bcrypt): the secrets carry 256 random bits, so nobody guesses one
 * from its hash, and a fast hash lets every use be checked by one indexed lookup.
 */
public final class SecretHashes {

  private SecretHashes() {}

  /** The SHA-256 of {@code secret}, in lower-case hex, as the tables keep it. */
  public static String sha256(String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Whether two stored hashes are the same, in time independent of how much of them agrees: the
   * index lookup already matched, but the answer's timing must not depend on what the database did.
   */
  public static boolean same(String storedHash, String presentedHash) {
    return storedHash != null
        && presentedHash != null
        && MessageDigest.isEqual(
            storedHash.getBytes(StandardCharsets.US_ASCII),
            presentedHash.getBytes(StandardCharsets.US_ASCII));
  }
}
