package io.streamspace.command.apikey;

import io.streamspace.command.common.SecretHashes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The shape of API key secrets: {@code ssk_}, 8 lower-case letters or digits that stay visible in
 * lists, {@code _}, and 32 random bytes in base64url; kept only as their SHA-256 ({@link
 * SecretHashes}).
 */
public final class ApiKeySecrets {

  /** What every API key starts with: how the server tells a key from a JWT. */
  public static final String SCHEME = "ssk_";

  static final int PREFIX_LENGTH = SCHEME.length() + 8;

  private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final int RANDOM_BYTES = 32;
  private static final Pattern WELL_FORMED = Pattern.compile("ssk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeySecrets() {}

  /** A new secret. */
  static String generate() {
    StringBuilder secret = new StringBuilder(SCHEME);
    for (int i = 0; i < 8; i++) {
      secret.append(PREFIX_ALPHABET.charAt(RANDOM.nextInt(PREFIX_ALPHABET.length())));
    }
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    return secret
        .append('_')
        .append(Base64.getUrlEncoder().withoutPadding().encodeToString(random))
        .toString();
  }

  /** Whether a credential claims to be an API key (rather than a JWT); it may still be invalid. */
  public static boolean looksLikeApiKey(String presented) {
    return presented != null && presented.startsWith(SCHEME);
  }

  /** Whether {@code presented} could be a secret at all: checked before anything is looked up. */
  static boolean isWellFormed(String presented) {
    return presented != null && WELL_FORMED.matcher(presented).matches();
  }

  /** The part shown in lists, enough to tell keys apart and useless to an attacker. */
  static String prefixOf(String secret) {
    return secret.substring(0, PREFIX_LENGTH);
  }
}
