package io.streamspace.command.agent;

import io.streamspace.command.common.SecretHashes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The shape of agent token secrets: {@code ssa_} and 32 random bytes in base64url, kept only as
 * their SHA-256.
 *
 * <p>Hashed as {@link SecretHashes} says, like every secret the platform hands out.
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
    return SecretHashes.sha256(secret);
  }
}
