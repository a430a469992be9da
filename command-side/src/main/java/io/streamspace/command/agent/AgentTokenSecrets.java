package io.streamspace.command.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The shape of agent token secrets: {@code ssa_} and 32 random bytes in base64url, kept only as
 * their SHA-256.
 *
 * <p>A plain hash suffices (no bcrypt): the secret has 256 bits of entropy, so nobody guesses it
 * from its hash, and a fast hash lets every agent connection be checked by one indexed lookup.
 */
final class AgentTokenSecrets {

  static final String SCHEME = "ssa_";
  static final int PREFIX_LENGTH = 12;

  private static final int RANDOM_BYTES = 32;
  private static final Pattern WELL_FORMED = Pattern.compile("ssa_[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private AgentTokenSecrets() {}

  /** A new secret. */
  static String generate() {
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    return SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** Whether {@code presented} could be a secret at all: checked before anything is looked up. */
  static boolean isWellFormed(String presented) {
    return presented != null && WELL_FORMED.matcher(presented).matches();
  }

  /** The part shown in lists, enough to tell tokens apart and useless to an attacker. */
  static String prefixOf(String secret) {
    return secret.substring(0, PREFIX_LENGTH);
  }

  /** The SHA-256 of the secret, in lower-case hex, as the table keeps it. */
  static String hash(String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
